import { TIME_ZONE, addDays, expandSeries, fromWallClock, localDate, mondayOf, type Recurrence } from '@sammen/domain/calendar';
import type { EffortArea } from '@sammen/domain/plans';
import type { Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { appointmentParticipants, appointmentSeries, appointments, calendarSettings, planPeriods } from './calendar.schema.ts';
import { recheckCitizens } from './calendar.sweep.ts';

export const seed: ModuleSeed = { name: 'calendar', after: ['plans', 'consent'], run: seedCalendar };

// Scenario 1's calendar (shared/SCENARIOS.md): Michael's activation three mornings a week, the
// home nurse twice a week, and the family department's meeting on an activation morning, booked
// anyway — with the plan's "stabilise the family first" making the activation mornings of those
// two weeks contradict the plan. Dates count from the Monday of the current Danish week, so the
// demo always has weeks ahead; ids are demo ids, the same on every seed.

interface DemoBooking {
  key: string;
  citizen: string;
  unit: string;
  by: string;
  with?: string[];
  title: string;
  place: string;
  /** Days after this week's Monday, and the local times. */
  day: number;
  from: string;
  to: string;
  recurrence?: Recurrence;
  mandatory?: boolean;
  consequence?: string;
  area: EffortArea;
  travelMinutes?: number;
  acceptedCollisionsReason?: string;
}

const bookings: DemoBooking[] = [
  {
    key: 'michael:activation', citizen: 'michael', unit: 'jobcenter', by: 'anne', with: ['thomas'], title: 'Aktivering: værkstedsforløb', place: 'Jobcenter Fjordby, Havnegade 12',
    day: 0, from: '08:30', to: '11:30', recurrence: { freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], count: 36 }, mandatory: true, consequence: 'Nedsættelse af kontanthjælp', area: 'work',
  },
  {
    key: 'michael:nurse', citizen: 'michael', unit: 'hjemmepleje', by: 'hanne', with: ['hanne'], title: 'Hjemmesygepleje: blodsukker og insulin', place: 'Hjemme',
    day: 1, from: '07:30', to: '08:00', recurrence: { freq: 'weekly', interval: 1, byWeekday: ['TU', 'TH'], count: 24 }, area: 'health',
  },
  {
    key: 'michael:family-meeting', citizen: 'michael', unit: 'familie', by: 'mette', with: ['mette'], title: 'Møde om samvær og forældreevneundersøgelse', place: 'Familieafdelingen, Torvet 3',
    day: 9, from: '09:00', to: '10:30', mandatory: true, area: 'family', travelMinutes: 20, acceptedCollisionsReason: 'Eneste tid psykologen kunne',
  },
  {
    key: 'sara:psychiatry', citizen: 'sara', unit: 'psykiatri', by: 'nadia', with: ['nadia'], title: 'Samtale i ambulatoriet', place: 'Regionspsykiatrien, Sygehusvej 5',
    day: 8, from: '13:00', to: '14:00', area: 'health',
  },
  {
    key: 'sara:job', citizen: 'sara', unit: 'jobcenter', by: 'anne', title: 'Opstart på jobtræning i køkkenet', place: 'Café Fjorden, Strandvejen 2',
    day: 10, from: '09:00', to: '12:00', mandatory: true, consequence: 'Nedsættelse af kontanthjælp', area: 'work',
  },
  {
    key: 'mads:guidance', citizen: 'mads', unit: 'uu', by: 'rasmus', with: ['rasmus'], title: 'Vejledningssamtale', place: 'UU Fjordby, Skolegade 8',
    day: 1, from: '10:00', to: '11:00', recurrence: { freq: 'weekly', interval: 1, byWeekday: ['TU'], count: 8 }, area: 'education',
  },
];

async function seedCalendar(tx: Db, { municipalityId, demoId }: Demo) {
  const monday = mondayOf(localDate(Date.now()));
  const local = (day: number, time: string) => new Date(fromWallClock(Date.parse(`${addDays(monday, day)}T${time}:00Z`), TIME_ZONE)).toISOString();
  await tx.insert(calendarSettings).values({ municipalityId, loadLimits: { hoursPerDay: 6, appointmentsPerDay: 3, hoursPerWeek: 20, appointmentsPerWeek: 10 } });

  let count = 0;
  for (const b of bookings) {
    const citizenId = demoId(`citizen:${b.citizen}`);
    const unitId = demoId(`unit:${b.unit}`);
    const bookedBy = demoId(`staff:${b.by}`);
    const start = local(b.day, b.from);
    const end = local(b.day, b.to);
    const fields = { unitId, title: b.title, place: b.place, travelMinutes: b.travelMinutes ?? 0, mandatory: b.mandatory ?? false, consequence: b.consequence ?? '' };
    let seriesId: string | null = null;
    let times = [{ start, end }];
    if (b.recurrence) {
      seriesId = demoId(`series:${b.key}`);
      const expanded = expandSeries({ ...fields, id: seriesId, start, end, recurrence: b.recurrence });
      if (!expanded.ok) throw new Error(`Demo series ${b.key}: ${expanded.refusal.reason}`);
      times = expanded.occurrences;
      await tx.insert(appointmentSeries).values({ municipalityId, id: seriesId, citizenId, unitId, rule: b.recurrence, firstStart: new Date(start), firstEnd: new Date(end), bookedBy });
    }
    const rows = times.map((t, i) => ({
      municipalityId, id: demoId(`appointment:${b.key}:${i}`), citizenId, seriesId, area: b.area, ...fields,
      startsAt: new Date(t.start), endsAt: new Date(t.end), bookedBy, acceptedCollisionsReason: b.acceptedCollisionsReason ?? null,
      // What has passed this week went as planned.
      status: new Date(t.end).getTime() < Date.now() ? ('attended' as const) : ('planned' as const),
    }));
    await tx.insert(appointments).values(rows);
    if (b.with?.length) await tx.insert(appointmentParticipants).values(rows.flatMap((r) => b.with!.map((s) => ({ municipalityId, appointmentId: r.id, staffId: demoId(`staff:${s}`) }))));
    count += rows.length;
  }

  // The plan says the family comes first: for two weeks from next Monday, the jobcenter's mandatory activation goes against it.
  await tx.insert(planPeriods).values({
    municipalityId, id: demoId('plan-period:michael:family-first'), citizenId: demoId('citizen:michael'), fromDate: addDays(monday, 7), toDate: addDays(monday, 20),
    kind: 'priority', unitIds: [demoId('unit:jobcenter')], reason: 'Stabilisere familiesituationen først (forældreevneundersøgelse)', createdBy: demoId('staff:anne'),
  });

  const { found } = await recheckCitizens(tx, municipalityId, ['michael', 'sara', 'mads'].map((c) => demoId(`citizen:${c}`)));
  return { appointments: count, collisions: [...found.values()].reduce((n, c) => n + c.length, 0) };
}
