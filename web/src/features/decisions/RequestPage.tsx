import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LetterView, RequestView } from '@sammen/domain/decisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { Success } from '../../app/Success.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useFormat } from '../plans/parts.tsx';
import { BreachLetterSection } from './BreachLetterForm.tsx';
import { DecisionSection } from './DecisionForm.tsx';
import { DialogueSection } from './DialogueSection.tsx';
import { useRequest } from './decisions.api.ts';
import { TimeLeftText, UrgentBadge } from './RequestParts.tsx';

// One request as staff see it: the head (who asked, what, the deadline in words and the time
// left), the letter about a breached deadline, the dialogue with the citizen, the decision (draft
// and issued), and the letters sent. `?complaintId=` opens the draft form again for a new
// decision on reassessment of that complaint (the complaint page links here with it).

export function RequestPage() {
  const { t } = useTranslation();
  const { requestId = '' } = useParams();
  const [search] = useSearchParams();
  const location = useLocation();
  const registered = (location.state as { registered?: boolean } | null)?.registered === true;
  const request = useRequest(requestId);
  const data = request.data;
  return (
    <>
      <p className="sammen-back">
        <Link to="/afgoerelser">{t('decisions.request.back')}</Link>
      </p>
      {request.isPending && <Loading />}
      {request.isError && !data && (
        <Page title={t('decisions.request.titleUnknown')}>
          <ErrorAlert error={apiErrorOf(request.error)} />
        </Page>
      )}
      {data && (
        <Page title={t('decisions.request.title', { type: data.decisionType.name, name: data.citizen.name })}>
          <Success text={registered ? t('decisions.register.saved') : ''} />
          {request.isError && <ErrorAlert error={apiErrorOf(request.error)} />}
          <RequestHead request={data} />
          {/* A breached deadline comes first: the citizen is owed a letter now. */}
          <BreachLetterSection request={data} />
          <DialogueSection request={data} />
          <DecisionSection request={data} complaintId={search.get('complaintId')} />
          <LettersSection letters={data.letters} requestId={data.id} />
        </Page>
      )}
    </>
  );
}

function RequestHead({ request: r }: { request: RequestView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const citizenPath = `/borgere/${encodeURIComponent(r.citizen.id)}`;
  const askedBy = r.byCitizen
    ? t('decisions.byCitizen')
    : r.onBehalfOf
      ? t('decisions.request.onBehalfOf', { name: r.onBehalfOf.name, by: r.registeredBy?.name ?? t('decisions.unknownPerson') })
      : (r.registeredBy?.name ?? t('decisions.unknownPerson'));
  return (
    <section className="sammen-section sammen-request-head" aria-labelledby="request-head">
      <h2 id="request-head" className="sr-only">
        {t('decisions.request.headHeading')}
      </h2>
      <p className="sammen-meta">
        <span className="sammen-status">{t(`decisions.statuses.${r.status}`)}</span>
        {r.urgency === 'urgent' && <UrgentBadge />}
        {r.status === 'open' && <TimeLeftText request={r} />}
      </p>
      <dl className="sammen-facts">
        <dt>{t('decisions.fields.citizen')}</dt>
        <dd>
          <Link to={citizenPath}>{r.citizen.name}</Link>
        </dd>
        <dt>{t('decisions.fields.decisionType')}</dt>
        <dd>{r.decisionType.name}</dd>
        <dt>{t('decisions.fields.unit')}</dt>
        <dd>{r.unit.name}</dd>
        <dt>{t('decisions.fields.askedBy')}</dt>
        <dd>{askedBy}</dd>
        <dt>{t('decisions.fields.receivedOn')}</dt>
        <dd>{f.date(r.receivedOn)}</dd>
        <dt>{t('decisions.fields.due')}</dt>
        <dd>
          {f.date(r.due)}
          {r.status === 'decided' && r.decidedOn && <div>{t('decisions.list.decidedOn', { date: f.date(r.decidedOn) })}</div>}
        </dd>
        <dt>{t('decisions.fields.deadlineRule')}</dt>
        <dd>{r.deadlineExplained}</dd>
        {r.urgency === 'urgent' && (
          <>
            <dt>{t('decisions.fields.urgencyNote')}</dt>
            <dd className="sammen-prewrap">{r.urgencyNote || t('decisions.request.noUrgencyNote')}</dd>
          </>
        )}
      </dl>
      <h3 className="h4">{t('decisions.fields.description')}</h3>
      <p className="sammen-prewrap sammen-words">{r.description}</p>
      {r.status === 'open' && (
        <div className="sammen-plan-links">
          <Link className="button button-secondary" to={`${citizenPath}/kalender/ny?joint=request${jointWith(r)}`}>
            {t('decisions.request.bookMeeting')}
          </Link>
          <Link to={`${citizenPath}/kalender`}>{t('decisions.request.calendar')}</Link>
        </div>
      )}
      {r.status === 'open' && <p className="form-hint">{t('decisions.request.bookMeetingHint')}</p>}
    </section>
  );
}

/** The colleagues a joint meeting is with: who registered the request, and on whose behalf. */
const jointWith = (r: RequestView) => {
  const ids = [r.registeredBy?.id, r.onBehalfOf?.id].filter((id): id is string => !!id);
  return ids.length ? `&with=${ids.map(encodeURIComponent).join(',')}` : '';
};

function LettersSection({ letters, requestId }: { letters: LetterView[]; requestId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="sammen-section" aria-labelledby="request-letters">
      <h2 id="request-letters">
        {t('letters.heading')} <span className="sammen-count">({letters.length})</span>
      </h2>
      {letters.length === 0 ? (
        <p>{t('letters.none')}</p>
      ) : (
        <ul className="sammen-plain-list sammen-letter-list">
          {[...letters]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((l) => (
              <li key={l.id}>
                <Link to={`/breve/${encodeURIComponent(l.id)}`} state={{ back: `/afgoerelser/${encodeURIComponent(requestId)}` }}>
                  {l.title}
                </Link>
                <span className="sammen-muted">
                  {' · '}
                  {t(`letters.kinds.${l.kind}`)} · {f.dateTime(l.createdAt)} · {l.status === 'sent' && l.sentAt ? t('letters.sentAt', { when: f.dateTime(l.sentAt) }) : t('letters.outbox')}
                </span>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
