import type { PlanSection } from '@sammen/domain/plans';
import type { Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { auditEvents } from '../audit/audit.schema.ts';
import { consents } from './consent.schema.ts';

export const seed: ModuleSeed = { name: 'consent', after: ['identity', 'plans'], run: seedConsents };

/**
 * Scenario 3's consent: Sara lets the jobcenter and the region's psychiatry see what the plan
 * needs; housing support (involved through its effort) has none, and sees only its own effort.
 * An older consent to the health visitors has run out, and one to the jobcenter was revoked.
 * Michael has a proposal waiting. Reads of Sara's plan over the last months fill her
 * "Hvem har kigget".
 */
async function seedConsents(tx: Db, { municipalityId, demoId }: Demo) {
  const sara = demoId('citizen:sara');
  const unit = (key: string) => demoId(`unit:${key}`);
  const consent = (key: string, recipient: string, sections: PlanSection[], purpose: string, startsOn: string, extra: Partial<typeof consents.$inferInsert> = {}) => ({
    municipalityId, id: demoId(`consent:${key}`), citizenId: sara, recipientUnitId: unit(recipient), sections, purpose, startsOn,
    method: 'portal' as const, givenAt: new Date(`${startsOn}T10:00:00Z`), givenByKind: 'citizen' as const, givenById: sara, ...extra,
  });
  await tx.insert(consents).values([
    consent('sara-job', 'jobcenter', ['goals', 'agreements', 'work', 'family'], 'Jobcentret skal vide, hvornår jeg er klar til jobtræning, og hvad der sker med min familie.', '2025-05-12'),
    consent('sara-psych', 'psykiatri', ['goals', 'agreements', 'life_story', 'health', 'family'], 'Psykiatrien skal kende min plan, så behandlingen passer til min hverdag.', '2025-05-12'),
    consent('sara-health-visitor', 'sundhedspleje', ['family'], 'Sundhedsplejen skulle følge Ella det første år.', '2024-09-01', { endsOn: '2025-09-01' }),
    consent('sara-job-old', 'jobcenter', ['life_story'], 'Jobcentret ville læse min livshistorie.', '2025-05-12', {
      revokedAt: new Date('2025-06-02T08:00:00Z'), revokedByKind: 'citizen', revokedById: sara,
    }),
    {
      municipalityId, id: demoId('consent:michael-family'), citizenId: demoId('citizen:michael'), recipientUnitId: unit('familie'),
      sections: ['goals', 'work', 'health'] as PlanSection[], purpose: 'Familieafdelingen skal kende aktiveringsdagene, så møder ikke kolliderer.',
      startsOn: '2026-11-01', method: 'portal' as const, proposedByStaffId: demoId('staff:anne'),
    },
  ]);
  const readers: [string, string, string, string, PlanSection[], string][] = [
    ['mette', 'familie', 'caseworker,coordinator', 'coordination', [...planSectionsAll], 'Koordinering af borgerens plan'],
    ['anne', 'jobcenter', 'caseworker,coordinator', 'consent', ['goals', 'agreements', 'work', 'family'], 'Koordinering af borgerens plan'],
    ['nadia', 'psykiatri', 'partner', 'consent', ['goals', 'agreements', 'life_story', 'health', 'family'], 'Koordinering af borgerens plan'],
    ['camilla', 'bostoette', 'frontline', 'involvement', [], 'Koordinering af borgerens plan'],
  ];
  const rows: (typeof auditEvents.$inferInsert)[] = [];
  for (let i = 0; i < 24; i++) {
    const [staffKey, unitKey, role, basis, sections, purpose] = readers[i % readers.length]!;
    rows.push({
      municipalityId, actorKind: 'staff', actorId: demoId(`staff:${staffKey}`), actorRole: role, actorUnitId: unit(unitKey),
      kind: 'read', action: 'plan.read', citizenId: sara, subjectType: 'plan', subjectId: demoId('plan:sara'), purpose,
      occurredAt: new Date(Date.now() - (24 - i) * 5 * 86_400_000 + i * 3_600_000),
      details: { basis, sections },
    });
  }
  await tx.insert(auditEvents).values(rows);
}

const planSectionsAll: PlanSection[] = ['life_story', 'wishes', 'goals', 'agreements', 'comments', 'health', 'family', 'economy', 'work', 'housing', 'education', 'other'];
