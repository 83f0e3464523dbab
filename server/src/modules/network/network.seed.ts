import type { NetworkPersonKind } from '@sammen/domain/network';
import type { Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { networkMembers } from './network.schema.ts';

// Demo networks (scenario 1 and beyond). Michael's five professionals are in his plan already
// (coordinator and the responsible person of each effort); here they get the phone numbers
// staff wrote down, and his mother — who has access as a proxy — hers. Sara's housing support has
// two support workers on one effort; Gerda has a visiting friend from the Red Cross. Every
// phone number is invented.

export const seed: ModuleSeed = { name: 'network', after: ['identity', 'plans'], run: seedNetwork };

interface DemoMember {
  citizen: string;
  kind: NetworkPersonKind;
  staff?: string;
  name?: string;
  role: string;
  contact: string;
  unit?: string;
  effort?: string;
  since?: string;
}

const members: DemoMember[] = [
  // Michael: a phone number for each of the five, recorded under the effort each is responsible for.
  { citizen: 'michael', kind: 'staff', staff: 'anne', role: 'Aktivering tre formiddage om ugen', effort: 'activation', contact: 'Tlf. 72 10 00 01 · anne@fjordby.example' },
  { citizen: 'michael', kind: 'staff', staff: 'thomas', role: 'Mentor', effort: 'mentor', contact: 'Tlf. 72 10 00 02 (også sms)' },
  { citizen: 'michael', kind: 'staff', staff: 'mette', role: 'Forældreevneundersøgelse', effort: 'assessment', contact: 'Tlf. 72 10 00 03' },
  { citizen: 'michael', kind: 'staff', staff: 'hanne', role: 'Hjemmesygepleje: diabetes', effort: 'nurse', contact: 'Tlf. 72 10 00 04 (hverdage 8–15)' },
  { citizen: 'michael', kind: 'staff', staff: 'lars', role: 'Samtaler med socialrådgiver', effort: 'social', contact: 'Tlf. 72 10 00 05' },
  // His mother has access as a proxy (identity.seed.ts); the same name here adds her phone number.
  { citizen: 'michael', kind: 'relative', name: 'Grethe Sørensen', role: 'Mor', contact: 'Tlf. 40 00 00 17', since: '2026-08-04' },
  // Sara's housing support: Camilla is responsible for the effort; Ahmed shares it.
  { citizen: 'sara', kind: 'staff', staff: 'ahmed', role: 'Bostøtte', unit: 'bostoette', effort: 'housing', contact: 'Tlf. 72 10 00 21', since: '2025-09-01' },
  // Gerda's visiting friend.
  { citizen: 'gerda', kind: 'volunteer', name: 'Jytte Kragh', role: 'Besøgsven fra Røde Kors', contact: 'Tlf. 30 00 00 42', since: '2026-10-15' },
];

/** Who wrote each citizen's rows down: their plan's coordinator. */
const recordedBy: Record<string, string> = { michael: 'anne', sara: 'mette', gerda: 'tina' };

async function seedNetwork(tx: Db, { municipalityId, demoId }: Demo) {
  await tx.insert(networkMembers).values(
    members.map((m, i) => ({
      municipalityId,
      id: demoId(`network:${m.citizen}:${i}`),
      citizenId: demoId(`citizen:${m.citizen}`),
      kind: m.kind,
      staffId: m.staff ? demoId(`staff:${m.staff}`) : null,
      name: m.name ?? '',
      role: m.role,
      contact: m.contact,
      unitId: m.unit ? demoId(`unit:${m.unit}`) : null,
      effortId: m.effort ? demoId(`effort:${m.citizen}:${m.effort}`) : null,
      since: m.since ?? null,
      recordedBy: demoId(`staff:${recordedBy[m.citizen]}`),
    })),
  );
  return { networkMembers: members.length };
}
