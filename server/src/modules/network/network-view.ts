import type { NetworkPerson, NetworkPersonKind, NetworkView } from '@sammen/domain/network';
import type { FutureAppointmentRow as AppointmentRow } from '../calendar/calendar.service.ts';
import type { CoordinatorRow, EffortRow, MemberRow, ProxyRow, StaffFacts } from './network.repository.ts';

// The network page put together from its rows: one person per staff member (the plan's
// coordinator, each effort's responsible person and staff recorded on the network merge into
// one), one per proxy (a relative recorded with the same name adds their contact), one per other
// recorded person. Pure, so the rules below are read in one place.

/**
 * Who reads, and what they may see of other units' work.
 * - `own`: the citizen, or their proxy who may read the plan: everything.
 * - `staff`: the reader's unit, and the plan sections (areas) their scope allows — all of them
 *   when their unit coordinates the plan (or under break-glass), else the areas that consents in
 *   force name for their unit (modules/access `accessOf`).
 *
 * THE CONSENT RULE for the network: who is involved is not secret to involved staff, so every
 * person is listed, with name, unit, title and contact. What they do with the citizen is: an
 * effort's title, an appointment's title and a unit's mandatory appointments ("Mødepligt: …") are
 * shown to staff only when the reader's own unit delivers it, or the reader's scope includes the
 * effort's or appointment's area (an appointment without an area counts as 'other'). Otherwise
 * the effort is left out (the person's role falls back to their job title), `expects` is [] and
 * `next` shows only when, with title ''. The plan page follows the same rule for efforts.
 */
export type Viewer = { kind: 'own' } | { kind: 'staff'; unitId: string; sections: readonly string[] };

export interface NetworkRows {
  citizen: { id: string; name: string };
  today: string;
  coordinator?: CoordinatorRow;
  efforts: EffortRow[];
  involvedUnits: { id: string; name: string }[];
  members: MemberRow[];
  proxies: ProxyRow[];
  appointments: AppointmentRow[];
}

interface Draft {
  person: NetworkPerson;
  roles: string[];
  fallbackRole: string;
  staffId?: string;
  coordinator?: boolean;
  /** The network rows behind a person, so one recorded only there keeps the key the end route takes. */
  memberIds: string[];
  /** since/until of each reason this person is on the network (an open end is null). */
  spans: [string | null, string | null][];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const iso = (t: string | Date) => new Date(t).toISOString();
const kindOrder: NetworkPersonKind[] = ['staff', 'partner', 'relative', 'volunteer', 'other'];

export function buildNetwork(rows: NetworkRows, viewer: Viewer): NetworkView {
  const sees = (unitId: string | null, area: string | null) =>
    viewer.kind === 'own' || (unitId !== null && unitId === viewer.unitId) || viewer.sections.includes(area ?? 'other');

  const units = new Map<string, NetworkView['units'][number]>();
  const addUnit = (id: string | null, name: string | null, relation: 'coordinator' | 'effort' | 'involved') => {
    if (id && name && !units.has(id)) units.set(id, { id, name, relation });
  };
  addUnit(rows.coordinator?.unit_id ?? null, rows.coordinator?.unit_name ?? null, 'coordinator');
  for (const e of rows.efforts) addUnit(e.effort_unit_id, e.effort_unit_name, 'effort');
  for (const u of rows.involvedUnits) addUnit(u.id, u.name, 'involved');

  const drafts = new Map<string, Draft>();
  const staffDraft = (s: StaffFacts): Draft => {
    const key = `staff:${s.staff_id}`;
    let d = drafts.get(key);
    if (!d) {
      d = {
        person: {
          key, kind: s.is_partner ? 'partner' : 'staff', source: 'plan', coordinator: false, name: s.staff_name ?? '', role: '', title: s.staff_title,
          unit: s.unit_id ? { id: s.unit_id, name: s.unit_name ?? '' } : null, efforts: [], since: null, until: null,
          contact: s.staff_email ?? '', expects: [], next: null,
        },
        roles: [], fallbackRole: s.staff_title ?? '', staffId: s.staff_id!, spans: [], memberIds: [],
      };
      drafts.set(key, d);
    }
    if (!d.person.unit && s.unit_id) d.person.unit = { id: s.unit_id, name: s.unit_name ?? '' };
    return d;
  };

  if (rows.coordinator?.staff_id) {
    const d = staffDraft(rows.coordinator);
    d.coordinator = true;
    d.roles.push('Tovholder');
    d.spans.push([rows.coordinator.since, null]);
  }
  for (const e of rows.efforts) {
    if (!e.staff_id) continue;
    const d = staffDraft(e);
    d.spans.push([e.starts_on, e.ends_on]);
    if (sees(e.effort_unit_id, e.area)) {
      d.roles.push(e.title);
      d.person.efforts.push({ id: e.id, title: e.title });
    }
  }
  const proxyByName = new Map<string, Draft>();
  for (const x of rows.proxies) {
    const d: Draft = {
      person: { key: `proxy:${x.id}`, kind: 'relative', source: 'proxy', coordinator: false, name: x.name, role: capitalise(x.relation), title: null, unit: null, efforts: [], since: x.since, until: x.until, contact: '', expects: [], next: null },
      roles: [], fallbackRole: capitalise(x.relation), spans: [[x.since, x.until]], memberIds: [],
    };
    drafts.set(d.person.key, d);
    proxyByName.set(x.name.trim().toLowerCase(), d);
  }
  for (const m of rows.members) {
    const effortVisible = m.effort_id !== null && sees(m.unit_id, m.effort_area);
    const roleVisible = m.effort_id === null || effortVisible;
    let d: Draft | undefined;
    if (m.staff_id) {
      d = staffDraft(m);
      if (d.person.source === 'plan' && !d.coordinator && !d.roles.length && !d.spans.length) d.person.source = 'recorded';
      if (m.kind === 'partner') d.person.kind = 'partner';
    } else if (m.kind === 'relative') {
      // The relative the citizen gave access to, recorded again by staff with a phone number: one person.
      d = proxyByName.get(m.name.trim().toLowerCase());
    }
    if (!d) {
      d = {
        person: {
          key: `member:${m.id}`, kind: m.kind, source: 'recorded', coordinator: false, name: m.name, role: '', title: null,
          unit: m.unit_id ? { id: m.unit_id, name: m.unit_name ?? '' } : null, efforts: [], since: null, until: null, contact: '', expects: [], next: null,
        },
        roles: [], fallbackRole: '', spans: [], memberIds: [],
      };
      drafts.set(d.person.key, d);
    }
    d.memberIds.push(m.id);
    if (d.person.source !== 'proxy') d.spans.push([m.since, m.until]);
    if (roleVisible) d.roles.push(m.role);
    if (effortVisible && !d.person.efforts.some((e) => e.id === m.effort_id)) d.person.efforts.push({ id: m.effort_id!, title: m.effort_title ?? '' });
    if (m.contact) d.person.contact = m.contact;
  }

  // What each unit asks of the citizen, and the next appointment per unit and per staff member.
  const appointments = rows.appointments.map((a) => ({ ...a, visible: sees(a.unit_id, a.area), staff: a.participants ? a.participants.split(',') : [] }));
  const shown = (a: (typeof appointments)[number]) => ({ start: iso(a.starts_at), title: a.visible ? a.title : '' });

  const people: NetworkPerson[] = [];
  let professionals = 0;
  for (const d of drafts.values()) {
    const p = d.person;
    if (p.source === 'recorded' && d.staffId) p.key = `member:${d.memberIds[0]}`;
    if (p.source !== 'proxy') {
      // The earliest start known (a row recorded without one does not hide the plan's); open-ended if any reason is.
      const opens = d.spans.map(([s]) => s).filter((s): s is string => s !== null);
      p.since = opens.length ? opens.reduce((a, b) => (a < b ? a : b)) : null;
      const ends = d.spans.map(([, u]) => u);
      p.until = d.coordinator || !ends.length || ends.includes(null) ? null : ends.reduce((a, b) => (a! > b! ? a : b));
    }
    p.coordinator = d.coordinator === true;
    p.role = [...new Set(d.roles.filter(Boolean))].join(', ') || d.fallbackRole || p.title || '';
    const current = d.coordinator || d.spans.some(([s, u]) => (s === null || s <= rows.today) && (u === null || u >= rows.today));
    if ((p.kind === 'staff' || p.kind === 'partner') && current) professionals += 1;
    if (p.unit && (p.kind === 'staff' || p.kind === 'partner')) {
      const ofUnit = appointments.filter((a) => a.unit_id === p.unit!.id);
      p.expects = [...new Set(ofUnit.filter((a) => a.mandatory && a.visible).map((a) => a.title))].map((t) => `Mødepligt: ${t}`);
      const next = ofUnit.find((a) => d.staffId && a.staff.includes(d.staffId)) ?? ofUnit[0];
      p.next = next ? shown(next) : null;
    }
    people.push(p);
  }
  const coordinatorKey = rows.coordinator?.staff_id ? `staff:${rows.coordinator.staff_id}` : undefined;
  const rank = (p: NetworkPerson) => kindOrder.indexOf(p.kind) * 2 + (p.key === coordinatorKey ? 0 : 1);
  people.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'da'));

  return {
    citizen: rows.citizen,
    units: [...units.values()],
    people,
    counts: { professionals, caseworkerChanges12Months: Number(rows.coordinator?.changes_12_months ?? 0) },
  };
}
