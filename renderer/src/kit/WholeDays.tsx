/**
 * Text with its days kept whole: the browser may break a line at a day's hyphen
 * (「首次 2020-01-」 / 「27」), which reads as two half-dates in a narrow column.
 */
import { Fragment } from 'react';

const DAY = /(\d{4}-\d{2}-\d{2})/;

export function WholeDays({ text }: { text: string }) {
  return (
    <>
      {text.split(DAY).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="whole-day">
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
