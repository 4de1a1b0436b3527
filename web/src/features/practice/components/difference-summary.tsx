import type { ConsumerDifference } from '../lib/difference';
import { differenceWords } from '../lib/difference';

/** What a change of the rules did to what each booking service sees, in sentences. */
export function DifferenceSummary({ differences }: { differences: readonly ConsumerDifference[] }) {
  return (
    <>
      {differences.map((difference) => {
        const words = differenceWords(difference);
        return (
          <div key={difference.consumer.key} className="app-practice-difference">
            <p className="nhsuk-body">
              <strong>{words.headline}</strong>
            </p>
            {words.days.length > 0 ? (
              <ul className="nhsuk-list nhsuk-list--bullet">
                {words.days.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </div>
        );
      })}
    </>
  );
}
