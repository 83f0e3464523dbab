import type { ProxyScope, StaffRole } from '@sammen/domain/access';
import type { UnitKind } from '@sammen/domain/identity';
import { encryptCpr, hashCpr } from '../../platform/cpr.ts';
import type { Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { citizens, municipalities, proxies, staff, staffRoleAssignments, units } from './identity.schema.ts';

// The demo municipality: Fjordby Kommune (fictional; code 998 is not a real municipality), its
// units, staff, citizens and proxies. Every person, CPR number and address here is invented.

/** The demo municipality's code; the demo persona picker lists only its people. */
export const DEMO_MUNICIPALITY_CODE = '998';

export const seed: ModuleSeed = { name: 'identity', after: [], run: seedIdentity };

const unitTree: { key: string; name: string; kind: UnitKind; parent?: string; partner?: boolean }[] = [
  { key: 'kommune', name: 'Fjordby Kommune', kind: 'administration' },
  { key: 'beskaeftigelse', name: 'Beskæftigelse og Borgerservice', kind: 'administration', parent: 'kommune' },
  { key: 'jobcenter', name: 'Jobcenter Fjordby', kind: 'jobcenter', parent: 'beskaeftigelse' },
  { key: 'uu', name: 'Ungdommens Uddannelsesvejledning', kind: 'youth_guidance', parent: 'beskaeftigelse' },
  { key: 'boernunge', name: 'Børn og Unge', kind: 'administration', parent: 'kommune' },
  { key: 'familie', name: 'Familieafdelingen', kind: 'family', parent: 'boernunge' },
  { key: 'sundhedspleje', name: 'Sundhedsplejen', kind: 'health_visitors', parent: 'boernunge' },
  { key: 'social', name: 'Social og Sundhed', kind: 'administration', parent: 'kommune' },
  { key: 'voksen', name: 'Voksen- og Handicapafdelingen', kind: 'adult_disability', parent: 'social' },
  { key: 'bostoette', name: 'Bostøtten', kind: 'housing_support', parent: 'social' },
  { key: 'hjemmepleje', name: 'Hjemmeplejen Syd', kind: 'home_care', parent: 'social' },
  { key: 'kultur', name: 'Kultur og Fritid', kind: 'administration', parent: 'kommune' },
  { key: 'bibliotek', name: 'Fjordby Bibliotek', kind: 'library', parent: 'kultur' },
  { key: 'psykiatri', name: 'Regionspsykiatrien Fjordby (Region Midt)', kind: 'partner', partner: true },
];

const staffList: { key: string; name: string; title: string; roles: [string, StaffRole][] }[] = [
  { key: 'anne', name: 'Anne Kjær', title: 'Sagsbehandler', roles: [['jobcenter', 'caseworker'], ['jobcenter', 'coordinator']] },
  { key: 'thomas', name: 'Thomas Berg', title: 'Mentor', roles: [['jobcenter', 'frontline']] },
  { key: 'birgitte', name: 'Birgitte Holm', title: 'Afdelingsleder', roles: [['jobcenter', 'leader']] },
  { key: 'kasper', name: 'Kasper Lund', title: 'Sagsbehandler', roles: [['jobcenter', 'caseworker']] },
  { key: 'mette', name: 'Mette Dahl', title: 'Familierådgiver', roles: [['familie', 'caseworker'], ['familie', 'coordinator']] },
  { key: 'sofie', name: 'Sofie Winther', title: 'Familiebehandler', roles: [['familie', 'frontline']] },
  { key: 'jens', name: 'Jens Mikkelsen', title: 'Afdelingsleder', roles: [['familie', 'leader']] },
  { key: 'louise', name: 'Louise Brandt', title: 'Familiekonsulent', roles: [['familie', 'frontline']] },
  { key: 'lars', name: 'Lars Østergaard', title: 'Socialrådgiver', roles: [['voksen', 'caseworker'], ['voksen', 'coordinator'], ['bostoette', 'coordinator']] },
  { key: 'pernille', name: 'Pernille Friis', title: 'Afdelingsleder', roles: [['voksen', 'leader']] },
  { key: 'camilla', name: 'Camilla Juhl', title: 'Bostøttemedarbejder', roles: [['bostoette', 'frontline']] },
  { key: 'ahmed', name: 'Ahmed Hassan', title: 'Bostøttemedarbejder', roles: [['bostoette', 'frontline']] },
  { key: 'rasmus', name: 'Rasmus Vestergaard', title: 'UU-vejleder', roles: [['uu', 'frontline']] },
  { key: 'ida', name: 'Ida Skov', title: 'UU-vejleder', roles: [['uu', 'frontline']] },
  { key: 'henrik', name: 'Henrik Bach', title: 'Leder af UU', roles: [['uu', 'leader']] },
  { key: 'hanne', name: 'Hanne Poulsen', title: 'Sygeplejerske', roles: [['hjemmepleje', 'frontline']] },
  { key: 'maria', name: 'Maria Lindholm', title: 'Social- og sundhedsassistent', roles: [['hjemmepleje', 'frontline']] },
  { key: 'tina', name: 'Tina Krogh', title: 'Teamleder', roles: [['hjemmepleje', 'leader']] },
  { key: 'karen', name: 'Karen Møller', title: 'Sundhedsplejerske', roles: [['sundhedspleje', 'frontline']] },
  { key: 'peter', name: 'Peter Iversen', title: 'Bibliotekar', roles: [['bibliotek', 'frontline']] },
  { key: 'lise', name: 'Lise Vang', title: 'Biblioteksleder', roles: [['bibliotek', 'leader']] },
  { key: 'nadia', name: 'Nadia Rahimi', title: 'Overlæge', roles: [['psykiatri', 'partner']] },
  { key: 'ole', name: 'Ole Frandsen', title: 'Psykiatrisk sygeplejerske', roles: [['psykiatri', 'partner']] },
  { key: 'susanne', name: 'Susanne Thygesen', title: 'Direktør for Social og Sundhed', roles: [['social', 'leader']] },
  { key: 'morten', name: 'Morten Kristiansen', title: 'Systemadministrator', roles: [['kommune', 'admin']] },
  { key: 'eva', name: 'Eva Clausen', title: 'Analytiker', roles: [['kommune', 'leader']] },
];

// Scenario citizens first (see shared/SCENARIOS.md), then the rest of the caseload.
const citizenList: { key: string; name: string; born: string }[] = [
  { key: 'michael', name: 'Michael Sørensen', born: '1982-03-15' }, // 1: the collision nobody saw
  { key: 'mads', name: 'Mads Jensen', born: '2006-09-02' }, // 2: momentum lost to waiting
  { key: 'sara', name: 'Sara Nielsen', born: '1989-11-21' }, // 3: first this, then that
  { key: 'lone', name: 'Lone Hansen', born: '1971-05-08' }, // 4: the complaint answered by a phone call
  { key: 'emil', name: 'Emil Rasmussen', born: '2005-01-30' }, // 5: feedback after every conversation
  { key: 'jonas', name: 'Jonas Pedersen', born: '2004-07-12' }, // 5
  { key: 'gerda', name: 'Gerda Andersen', born: '1941-02-17' }, // 6: home care, life story first
  { key: 'amina', name: 'Amina Yusuf', born: '1994-06-25' }, // 6: new in town
  { key: 'katrine', name: 'Katrine Mortensen', born: '1996-12-03' }, // 6: new in town
  { key: 'freja', name: 'Freja Sørensen', born: '2012-04-19' }, // Michael's daughter
  { key: 'william', name: 'William Nielsen', born: '2010-08-11' }, // Sara's elder child, placed
  ...[
    ['Anders Christensen', '1978-10-04'], ['Birthe Larsen', '1955-03-29'], ['Carsten Thomsen', '1969-08-16'],
    ['Dorthe Kristensen', '1983-01-22'], ['Erik Johansen', '1960-11-09'], ['Fatima Ali', '1991-04-14'],
    ['Gitte Madsen', '1975-07-01'], ['Hans Olsen', '1948-12-24'], ['Inge Petersen', '1952-06-06'],
    ['Jakob Schmidt', '2003-02-28'], ['Kirsten Jørgensen', '1966-09-18'], ['Lasse Eriksen', '1999-05-27'],
    ['Maja Knudsen', '2007-03-03'], ['Niels Frederiksen', '1958-10-30'], ['Oliver Nygaard', '2006-11-15'],
    ['Pia Thorsen', '1980-02-11'], ['Rikke Bech', '1987-08-08'], ['Søren Mathiesen', '1973-04-02'],
    ['Tove Jakobsen', '1944-01-13'], ['Ulrik Holm', '1985-12-20'], ['Vibeke Lauridsen', '1962-07-23'],
    ['Yasmin Karimi', '2001-09-09'], ['Zenia Buch', '1993-03-31'], ['Bo Svendsen', '1970-06-17'],
    ['Connie Dam', '1950-10-10'], ['Dennis Koch', '1990-01-05'], ['Elin Toft', '1946-05-19'],
    ['Frank Ravn', '1967-11-27'], ['Hussein Omar', '1998-04-08'],
  ].map(([name, born], i) => ({ key: `citizen-${i}`, name: name!, born: born! })),
];

const proxyList: { key: string; citizen: string; name: string; relation: string; scopes: ProxyScope[]; guardian?: boolean }[] = [
  { key: 'grethe', citizen: 'michael', name: 'Grethe Sørensen', relation: 'mor', scopes: ['plan.read'] },
  { key: 'hans-jorgen', citizen: 'gerda', name: 'Hans-Jørgen Andersen', relation: 'søn', scopes: ['plan.read', 'plan.comment', 'consent.manage'] },
  { key: 'lene', citizen: 'mads', name: 'Lene Jensen', relation: 'mor', scopes: ['plan.read', 'plan.comment'] },
  // Freja is 14: her mother holds custody (forældremyndighed) and manages who else may follow her plan.
  { key: 'pia', citizen: 'freja', name: 'Pia Sørensen', relation: 'mor', scopes: ['plan.read', 'plan.comment', 'consent.manage'], guardian: true },
];

/** A fictitious CPR number from the birth date and a running number. */
function fakeCpr(born: string, n: number) {
  const [y, m, d] = born.split('-');
  return `${d}${m}${y!.slice(2)}${String(4000 + n).padStart(4, '0')}`;
}

async function seedIdentity(tx: Db, { municipalityId, demoId, keys }: Demo) {
  await tx.insert(municipalities).values({ id: municipalityId, code: DEMO_MUNICIPALITY_CODE, name: 'Fjordby Kommune' });
  for (const u of unitTree) {
    await tx.insert(units).values({
      municipalityId,
      id: demoId(`unit:${u.key}`),
      parentId: u.parent ? demoId(`unit:${u.parent}`) : null,
      name: u.name,
      kind: u.kind,
      isPartner: u.partner ?? false,
    });
  }
  await tx.insert(staff).values(
    staffList.map((s) => ({
      municipalityId,
      id: demoId(`staff:${s.key}`),
      name: s.name,
      title: s.title,
      email: `${s.key}@fjordby.example`,
      oidcIssuer: 'https://login.fjordby.example',
      oidcSubject: s.key,
    })),
  );
  await tx.insert(staffRoleAssignments).values(
    staffList.flatMap((s) =>
      s.roles.map(([unitKey, role]) => ({ municipalityId, staffId: demoId(`staff:${s.key}`), unitId: demoId(`unit:${unitKey}`), role })),
    ),
  );
  await tx.insert(citizens).values(
    citizenList.map((c, i) => {
      const cpr = fakeCpr(c.born, i);
      return {
        municipalityId,
        id: demoId(`citizen:${c.key}`),
        name: c.name,
        birthDate: c.born,
        cprEncrypted: encryptCpr(keys, cpr),
        cprHash: hashCpr(keys, cpr),
      };
    }),
  );
  await tx.insert(proxies).values(
    proxyList.map((p) => ({
      municipalityId,
      id: demoId(`proxy:${p.key}`),
      citizenId: demoId(`citizen:${p.citizen}`),
      name: p.name,
      relation: p.relation,
      scopes: p.scopes,
      guardian: p.guardian ?? false,
    })),
  );
  return { units: unitTree.length, staff: staffList.length, citizens: citizenList.length, proxies: proxyList.length };
}
