import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingFormView } from '@sammen/domain/feedback';

// One question of a rating: a large slider (labelled by the question, the words for both ends
// beside it, the chosen number shown), or for children a row of faces (radio buttons, each with
// its number as its name). A question starts unanswered: a slider's resting place is not an answer.

export type ItemAnswer = number | undefined;
type Item = RatingFormView['forms'][number]['items'][number];

/** More faces than this do not fit a row: such a scale is a slider. */
const MAX_FACES = 11;

export function RatingItem(props: { item: Item; lang: 'da' | 'en'; faces: boolean; value: ItemAnswer; missing: boolean; onChange: (v: number) => void }) {
  const { item } = props;
  const steps = Math.round((item.max - item.min) / item.step) + 1;
  return props.faces && steps <= MAX_FACES ? <Faces {...props} steps={steps} /> : <Slider {...props} />;
}

function Slider({ item, lang, value, missing, onChange }: { item: Item; lang: 'da' | 'en'; value: ItemAnswer; missing: boolean; onChange: (v: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const resting = item.min + Math.round((item.max - item.min) / item.step / 2) * item.step;
  const describedBy = [`${id}-low`, `${id}-high`, missing ? `${id}-error` : ''].filter(Boolean).join(' ');
  // A click or a key on the slider where it rests is an answer too (no change event fires then).
  const take = (el: HTMLInputElement) => onChange(el.valueAsNumber);
  return (
    <div className={`form-group sammen-rating-item${missing ? ' form-error' : ''}`}>
      <label className="form-label sammen-rating-question" htmlFor={id}>
        {item.wording[lang]}
      </label>
      {missing && (
        <span className="form-error-message" id={`${id}-error`}>
          {t('rating.chooseNumber')}
        </span>
      )}
      <div className="sammen-rating-slider">
        <input
          id={id}
          type="range"
          className={value === undefined ? 'sammen-range sammen-range-unset' : 'sammen-range'}
          min={item.min}
          max={item.max}
          step={item.step}
          value={value ?? resting}
          aria-describedby={describedBy}
          aria-invalid={missing || undefined}
          aria-valuetext={value === undefined ? t('rating.notChosen') : t('rating.valueText', { value, max: item.max })}
          onChange={(e) => take(e.currentTarget)}
          onPointerUp={(e) => take(e.currentTarget)}
          onKeyUp={(e) => {
            if (e.key === 'Enter' || e.key === ' ') take(e.currentTarget);
          }}
        />
        <div className="sammen-rating-anchors">
          <span id={`${id}-low`}>
            <span className="sr-only">{t('rating.lowEnd', { value: item.min })} </span>
            <span aria-hidden="true">{item.min}: </span>
            {item.anchors.low[lang]}
          </span>
          <span id={`${id}-high`}>
            <span className="sr-only">{t('rating.highEnd', { value: item.max })} </span>
            <span aria-hidden="true">{item.max}: </span>
            {item.anchors.high[lang]}
          </span>
        </div>
      </div>
      <p className="sammen-rating-value" aria-hidden="true">
        {value === undefined ? t('rating.notChosen') : t('rating.chosen', { value })}
      </p>
    </div>
  );
}

function Faces({ item, lang, value, missing, onChange, steps }: { item: Item; lang: 'da' | 'en'; value: ItemAnswer; missing: boolean; onChange: (v: number) => void; steps: number }) {
  const { t } = useTranslation();
  const id = useId();
  const values = Array.from({ length: steps }, (_, i) => item.min + i * item.step);
  return (
    <div className={`form-group sammen-rating-item${missing ? ' form-error' : ''}`}>
      <fieldset aria-describedby={[`${id}-ends`, missing ? `${id}-error` : ''].filter(Boolean).join(' ')}>
        <legend className="form-label sammen-rating-question">{item.wording[lang]}</legend>
        <p className="sammen-rating-anchors" id={`${id}-ends`}>
          <span>
            {item.min}: {item.anchors.low[lang]}
          </span>
          <span>
            {item.max}: {item.anchors.high[lang]}
          </span>
        </p>
        {missing && (
          <span className="form-error-message" id={`${id}-error`}>
            {t('rating.chooseFace')}
          </span>
        )}
        <div className="sammen-rating-faces">
          {values.map((v, i) => (
            <span key={v} className="sammen-face">
              <input
                id={`${id}-${v}`}
                type="radio"
                name={id}
                className="sammen-face-input"
                checked={value === v}
                aria-invalid={(missing && i === 0) || undefined}
                onChange={() => onChange(v)}
              />
              <label htmlFor={`${id}-${v}`} className="sammen-face-label">
                <Face mood={steps > 1 ? i / (steps - 1) : 0.5} />
                <span className="sammen-face-number">{v}</span>
                <span className="sr-only">
                  {' '}
                  {i === 0 ? item.anchors.low[lang] : i === steps - 1 ? item.anchors.high[lang] : t('rating.faceOf', { max: item.max })}
                </span>
              </label>
            </span>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** A face from sad (0) to happy (1): the mouth bends with the mood. Decoration: the number names it. */
function Face({ mood }: { mood: number }) {
  const bend = (mood - 0.5) * 2; // −1 … 1
  const mouthY = 27;
  return (
    <svg className="sammen-face-svg" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="18" fill="#ffe08a" stroke="#1a1a1a" strokeWidth="2" />
      <circle cx="14" cy="16" r="2.2" fill="#1a1a1a" />
      <circle cx="26" cy="16" r="2.2" fill="#1a1a1a" />
      <path d={`M 12 ${mouthY} Q 20 ${mouthY + bend * 7} 28 ${mouthY}`} fill="none" stroke="#1a1a1a" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
