import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { goalStatuses, LIMITS, type GoalStatus, type GoalView, type PlanView } from '@sammen/domain/plans';
import type { Unit } from '@sammen/domain/identity';
import {
  addAgreement,
  addEffort,
  addFollowUp,
  addGoal,
  addSupportLevel,
  completeFollowUp,
  handOver,
  updateGoal,
  updatePlan,
  type StaffDirectoryEntry,
} from './plans.api.ts';
import { today } from './parts.tsx';
import { CheckboxGroup, Select, TextArea, TextInput } from '../../app/form.tsx';
import { PlanForm, usePlanContext, usePlanWrite, type MergeField, type PlanWrite } from './write.tsx';

// The staff member's forms on the plan page. Each sends one write based on the version shown,
// shows field errors at the field, and on a conflict shows both versions to merge.

export interface Lookups {
  units: Unit[];
  staff: StaffDirectoryEntry[];
}

type TextKey = 'lifeStory' | 'wishes' | 'disagreementProcedure';

function textOf(plan: PlanView, key: TextKey): string {
  return key === 'disagreementProcedure' ? plan.disagreementProcedure : (plan[key]?.text ?? '');
}
function authorOf(plan: PlanView, key: TextKey): string | undefined {
  return key === 'disagreementProcedure' ? undefined : plan[key]?.author.name;
}

/** Life story, wishes (the citizen's words, which staff may write down with them) or the disagreement procedure. */
export function PlanTextForm({ field, label, hint, onDone, focusId, lix }: { field: TextKey; label: string; hint?: string; onDone: () => void; focusId: string; lix: boolean }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [value, setValue] = useState(() => textOf(plan, field));
  const max = field === 'disagreementProcedure' ? LIMITS.description : LIMITS.longText;
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.save')}
      onCancel={onDone}
      compare={(current) => [
        {
          label,
          mine: value,
          theirs: textOf(current, field),
          theirsBy: authorOf(current, field),
          merge: () => setValue(`${textOf(current, field)}\n\n${value}`),
        },
      ]}
      onSubmit={() => void write.run((baseVersion) => updatePlan(plan.id, { baseVersion, [field]: value }), focusId).then((p) => p && onDone())}
    >
      <TextArea label={label} hint={hint} value={value} onChange={setValue} rows={6} maxLength={max} error={write.errorAt(field)} lixThreshold={lix ? plan.lixThreshold : undefined} />
    </PlanForm>
  );
}

function goalOptions(plan: PlanView, except?: string) {
  return plan.goals.filter((g) => g.id !== except).map((g) => ({ value: g.id, label: `${g.position}. ${g.wording}` }));
}

export function AddGoalForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [wording, setWording] = useState('');
  const [description, setDescription] = useState('');
  const [code, setCode] = useState('');
  const [dependsOn, setDependsOn] = useState<string[]>([]);
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.addGoal.submit')}
      onCancel={onDone}
      compare={(current): MergeField[] => [
        { label: t('planForm.addGoal.wording'), mine: wording, theirs: current.goals.map((g) => `${g.position}. ${g.wording}`).join('\n') },
      ]}
      onSubmit={() =>
        void write
          .run((baseVersion) => addGoal(plan.id, { baseVersion, wording, professionalDescription: description, classificationCode: code, dependsOn }), 'goals-heading')
          .then((p) => p && onDone())
      }
    >
      <TextInput label={t('planForm.addGoal.wording')} hint={t('planForm.addGoal.wordingHint')} value={wording} onChange={setWording} maxLength={LIMITS.wording} error={write.errorAt('wording')} />
      <GoalProfessionalFields description={description} setDescription={setDescription} code={code} setCode={setCode} write={write} />
      <CheckboxGroup
        legend={t('planForm.goal.dependsOn')}
        hint={t('planForm.goal.dependsOnHint')}
        none={t('planForm.goal.noOtherGoals')}
        options={goalOptions(plan)}
        value={dependsOn}
        onChange={setDependsOn}
        error={write.errorAt('dependsOn')}
      />
    </PlanForm>
  );
}

/** What staff write beside the citizen's wording of a goal: a description (LIX-checked) and a code. */
function GoalProfessionalFields(props: { description: string; setDescription: (v: string) => void; code: string; setCode: (v: string) => void; write: PlanWrite }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  return (
    <>
      <TextArea
        label={t('planForm.goal.description')}
        hint={t('planForm.goal.descriptionHint')}
        value={props.description}
        onChange={props.setDescription}
        maxLength={LIMITS.description}
        error={props.write.errorAt('professionalDescription')}
        lixThreshold={plan.lixThreshold}
      />
      <TextInput label={t('planForm.goal.code')} hint={t('planForm.goal.codeHint')} value={props.code} onChange={props.setCode} maxLength={LIMITS.code} error={props.write.errorAt('classificationCode')} />
    </>
  );
}

export function EditGoalForm({ goal, onDone }: { goal: GoalView; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [wording, setWording] = useState(goal.wording);
  const [description, setDescription] = useState(goal.professionalDescription);
  const [code, setCode] = useState(goal.classificationCode ?? '');
  const [status, setStatus] = useState<GoalStatus>(goal.status);
  const [dependsOn, setDependsOn] = useState<string[]>(goal.dependsOn);
  const [position, setPosition] = useState(String(goal.position));

  function submit() {
    // Send only what changed, so a merge is about the fields this person touched.
    const input: Parameters<typeof updateGoal>[2] = { baseVersion: 0 };
    if (wording !== goal.wording) input.wording = wording;
    if (description !== goal.professionalDescription) input.professionalDescription = description;
    if (code !== (goal.classificationCode ?? '')) input.classificationCode = code;
    if (status !== goal.status) input.status = status;
    if ([...dependsOn].sort().join() !== [...goal.dependsOn].sort().join()) input.dependsOn = dependsOn;
    if (Number(position) !== goal.position) input.position = Number(position);
    void write.run((baseVersion) => updateGoal(plan.id, goal.id, { ...input, baseVersion }), `goal-${goal.id}`).then((p) => p && onDone());
  }

  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.save')}
      onCancel={onDone}
      onSubmit={submit}
      compare={(current) => {
        const now = current.goals.find((g) => g.id === goal.id);
        const fields: MergeField[] = [];
        if (wording !== goal.wording || now?.wording !== goal.wording) {
          fields.push({ label: t('planForm.goal.wording'), mine: wording, theirs: now?.wording ?? '', theirsBy: now?.wordingAuthor.name, merge: () => setWording(`${now?.wording ?? ''} ${wording}`) });
        }
        if (description !== goal.professionalDescription) {
          fields.push({ label: t('planForm.goal.description'), mine: description, theirs: now?.professionalDescription ?? '', merge: () => setDescription(`${now?.professionalDescription ?? ''}\n\n${description}`) });
        }
        if (status !== goal.status) fields.push({ label: t('planForm.goal.status'), mine: t(`planParts.status.${status}`), theirs: now ? t(`planParts.status.${now.status}`) : '' });
        if (!fields.length) fields.push({ label: t('planForm.goal.wording'), mine: wording, theirs: now?.wording ?? '' });
        return fields;
      }}
    >
      <TextInput label={t('planForm.goal.wording')} hint={t('planForm.goal.wordingHint')} value={wording} onChange={setWording} maxLength={LIMITS.wording} error={write.errorAt('wording')} />
      <GoalProfessionalFields description={description} setDescription={setDescription} code={code} setCode={setCode} write={write} />
      <Select
        label={t('planForm.goal.status')}
        value={status}
        onChange={(v) => setStatus(v as GoalStatus)}
        options={goalStatuses.map((s) => ({ value: s, label: t(`planParts.status.${s}`) }))}
        error={write.errorAt('status')}
      />
      <CheckboxGroup
        legend={t('planForm.goal.dependsOn')}
        hint={t('planForm.goal.dependsOnHint')}
        none={t('planForm.goal.noOtherGoals')}
        options={goalOptions(plan, goal.id)}
        value={dependsOn}
        onChange={setDependsOn}
        error={write.errorAt('dependsOn')}
      />
      <TextInput
        type="number"
        label={t('planForm.goal.position')}
        hint={t('planForm.goal.positionHint', { count: plan.goals.length })}
        min={1}
        max={plan.goals.length}
        value={position}
        onChange={setPosition}
        error={write.errorAt('position')}
      />
    </PlanForm>
  );
}

const staffOptions = (staff: StaffDirectoryEntry[]) => staff.map((s) => ({ value: s.id, label: `${s.name} (${s.title})` }));

export function AddEffortForm({ lookups, onDone }: { lookups: Lookups; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [unitId, setUnitId] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'effort' | 'exemption'>('effort');
  const [responsible, setResponsible] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState('');
  const [goalIds, setGoalIds] = useState<string[]>([]);
  const [supportLevel, setSupportLevel] = useState('');
  const unitStaff = lookups.staff.filter((s) => !unitId || s.units?.some((u) => u.id === unitId));
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.effort.submit')}
      onCancel={onDone}
      compare={(current) => [{ label: t('planForm.effort.title'), mine: title, theirs: current.efforts.map((e) => `${e.unit.name}: ${e.title}`).join('\n') }]}
      onSubmit={() =>
        void write
          .run(
            (baseVersion) =>
              addEffort(plan.id, {
                baseVersion,
                unitId,
                title,
                kind,
                responsibleStaffId: responsible || null,
                legalBasis,
                startsOn,
                endsOn: endsOn || null,
                goalIds,
                ...(supportLevel ? { supportLevel } : {}),
              }),
            'efforts-heading',
          )
          .then((p) => p && onDone())
      }
    >
      <Select
        label={t('planForm.effort.unit')}
        value={unitId}
        onChange={setUnitId}
        empty={t('planForm.choose')}
        options={lookups.units.map((u) => ({ value: u.id, label: u.name }))}
        error={write.errorAt('unitId')}
      />
      <TextInput label={t('planForm.effort.title')} hint={t('planForm.effort.titleHint')} value={title} onChange={setTitle} maxLength={LIMITS.title} error={write.errorAt('title')} />
      <Select
        label={t('planForm.effort.kind')}
        value={kind}
        onChange={(v) => setKind(v as 'effort' | 'exemption')}
        options={[
          { value: 'effort', label: t('planParts.kind.effort') },
          { value: 'exemption', label: t('planParts.kind.exemption') },
        ]}
        error={write.errorAt('kind')}
      />
      <Select
        label={t('planForm.effort.responsible')}
        value={responsible}
        onChange={setResponsible}
        empty={t('planForm.nobody')}
        options={staffOptions(unitStaff)}
        error={write.errorAt('responsibleStaffId')}
      />
      <TextInput label={t('planForm.effort.legalBasis')} hint={t('planForm.effort.legalBasisHint')} value={legalBasis} onChange={setLegalBasis} maxLength={LIMITS.title} error={write.errorAt('legalBasis')} />
      <div className="sammen-form-row">
        <TextInput type="date" label={t('planForm.effort.startsOn')} value={startsOn} onChange={setStartsOn} error={write.errorAt('startsOn')} />
        <TextInput type="date" label={t('planForm.effort.endsOn')} hint={t('planForm.effort.endsOnHint')} value={endsOn} onChange={setEndsOn} error={write.errorAt('endsOn')} />
      </div>
      <CheckboxGroup
        legend={t('planForm.effort.goals')}
        hint={t('planForm.effort.goalsHint')}
        none={t('planForm.effort.noGoals')}
        options={goalOptions(plan)}
        value={goalIds}
        onChange={setGoalIds}
        error={write.errorAt('goalIds')}
      />
      <TextInput label={t('planForm.effort.supportLevel')} hint={t('planForm.effort.supportLevelHint')} value={supportLevel} onChange={setSupportLevel} maxLength={LIMITS.title} error={write.errorAt('supportLevel')} />
    </PlanForm>
  );
}

export function SupportLevelForm({ effortId, onDone }: { effortId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [level, setLevel] = useState('');
  const [validFrom, setValidFrom] = useState(today());
  const [note, setNote] = useState('');
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.save')}
      onCancel={onDone}
      compare={(current) => [
        {
          label: t('planForm.support.level'),
          mine: level,
          theirs: current.efforts.find((e) => e.id === effortId)?.supportLevels.map((l) => l.level).join(' ← ') ?? '',
        },
      ]}
      onSubmit={() => void write.run((baseVersion) => addSupportLevel(plan.id, effortId, { baseVersion, level, validFrom, note }), `effort-${effortId}`).then((p) => p && onDone())}
    >
      <TextInput label={t('planForm.support.level')} hint={t('planForm.effort.supportLevelHint')} value={level} onChange={setLevel} maxLength={LIMITS.title} error={write.errorAt('level')} />
      <TextInput type="date" label={t('planForm.support.validFrom')} value={validFrom} onChange={setValidFrom} error={write.errorAt('validFrom')} />
      <TextArea label={t('planForm.support.note')} value={note} onChange={setNote} rows={2} maxLength={LIMITS.description} error={write.errorAt('note')} />
    </PlanForm>
  );
}

export function AgreementForm({ lookups, onDone }: { lookups: Lookups; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [unitId, setUnitId] = useState('');
  const [text, setText] = useState('');
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.agreement.submit')}
      onCancel={onDone}
      compare={(current) => [{ label: t('planForm.agreement.text'), mine: text, theirs: current.agreements.map((a) => `${a.responsibleUnit.name}: ${a.text}`).join('\n') }]}
      onSubmit={() =>
        void write.run((baseVersion) => addAgreement(plan.id, { baseVersion, responsibleUnitId: unitId, text }), 'agreements-heading').then((p) => p && onDone())
      }
    >
      <Select
        label={t('planForm.agreement.unit')}
        value={unitId}
        onChange={setUnitId}
        empty={t('planForm.choose')}
        options={lookups.units.map((u) => ({ value: u.id, label: u.name }))}
        error={write.errorAt('responsibleUnitId')}
      />
      <TextArea
        label={t('planForm.agreement.text')}
        hint={t('planForm.agreement.textHint')}
        value={text}
        onChange={setText}
        maxLength={LIMITS.description}
        error={write.errorAt('text')}
        lixThreshold={plan.lixThreshold}
      />
    </PlanForm>
  );
}

export function HandOverForm({ lookups, onDone }: { lookups: Lookups; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [staffId, setStaffId] = useState('');
  const chosen = lookups.staff.find((s) => s.id === staffId);
  const [unitId, setUnitId] = useState('');
  const units = chosen?.units ?? [];
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.handOver.submit')}
      onCancel={onDone}
      compare={(current) => [{ label: t('planForm.handOver.staff'), mine: chosen?.name ?? '', theirs: `${current.coordinator.name} (${current.coordinator.unit.name})` }]}
      onSubmit={() =>
        void write.run((baseVersion) => handOver(plan.id, { baseVersion, coordinatorId: staffId, unitId: unitId || units[0]?.id || '' }), 'plan-header').then((p) => p && onDone())
      }
    >
      <Select
        label={t('planForm.handOver.staff')}
        value={staffId}
        onChange={(v) => {
          setStaffId(v);
          setUnitId('');
        }}
        empty={t('planForm.choose')}
        options={staffOptions(lookups.staff.filter((s) => s.id !== plan.coordinator.id))}
        error={write.errorAt('coordinatorId')}
      />
      <Select
        label={t('planForm.handOver.unit')}
        hint={t('planForm.handOver.unitHint')}
        value={unitId || units[0]?.id || ''}
        onChange={setUnitId}
        options={units.map((u) => ({ value: u.id, label: u.name }))}
        error={write.errorAt('unitId')}
      />
    </PlanForm>
  );
}

export function FollowUpForm({ lookups, onDone, defaultStaffId }: { lookups: Lookups; onDone: () => void; defaultStaffId: string }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [dueOn, setDueOn] = useState(today());
  const [staffId, setStaffId] = useState(defaultStaffId);
  const [note, setNote] = useState('');
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.followUp.submit')}
      onCancel={onDone}
      compare={(current) => [
        { label: t('planForm.followUp.note'), mine: `${dueOn}: ${note}`, theirs: current.followUps.filter((f) => !f.doneAt).map((f) => `${f.dueOn}: ${f.note}`).join('\n') },
      ]}
      onSubmit={() => void write.run((baseVersion) => addFollowUp(plan.id, { baseVersion, dueOn, staffId, note }), 'followups-heading').then((p) => p && onDone())}
    >
      <TextInput type="date" label={t('planForm.followUp.dueOn')} value={dueOn} onChange={setDueOn} error={write.errorAt('dueOn')} />
      <Select label={t('planForm.followUp.staff')} value={staffId} onChange={setStaffId} options={staffOptions(lookups.staff)} error={write.errorAt('staffId')} />
      <TextArea label={t('planForm.followUp.note')} value={note} onChange={setNote} rows={2} maxLength={LIMITS.description} error={write.errorAt('note')} />
    </PlanForm>
  );
}

/** "Udført" on a follow-up: a one-click write, which can conflict like any other. */
export function FollowUpDone({ followUpId, label }: { followUpId: string; label: string }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  return (
    <PlanForm
      write={write}
      className="sammen-inline-form"
      submitLabel={t('planForm.followUp.done')}
      submitAriaLabel={label}
      compare={() => [{ label, mine: t('planForm.followUp.done'), theirs: t('planForm.followUp.notDone') }]}
      onSubmit={() => void write.run((baseVersion) => completeFollowUp(plan.id, followUpId, baseVersion), 'followups-heading')}
    >
      {null}
    </PlanForm>
  );
}
