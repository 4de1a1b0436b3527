import { useState, type FormEvent, type ReactNode } from 'react';
import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { Radios, type RadioOption } from '../../../components/form/radios';
import { useDocumentTitle } from '../../../lib/document-title';

interface ChoiceStepProps<T extends string> {
  name: string;
  question: string;
  hint?: ReactNode;
  options: readonly RadioOption<T>[];
  initial: T | undefined;
  /** Said when the patient continues without choosing, e.g. "Select the type of appointment". */
  errorText: string;
  back: string;
  onContinue: (value: T) => void;
  children?: ReactNode;
}

/** One question, answered with radios, on its own page (NHS.UK "one thing per page"). */
export function ChoiceStep<T extends string>(props: ChoiceStepProps<T>) {
  const { name, question, hint, options, initial, errorText, back, onContinue, children } = props;
  const [value, setValue] = useState<T | undefined>(initial);
  const [error, setError] = useState<string | undefined>();
  useDocumentTitle(question, error !== undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === undefined) {
      setError(errorText);
      return;
    }
    onContinue(value);
  };

  return (
    <>
      <BackLink to={back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={error ? [{ fieldId: name, text: error }] : []} />
          <form onSubmit={submit} noValidate>
            <Radios
              name={name}
              legend={question}
              hint={hint}
              options={options}
              value={value}
              onChange={(next) => {
                setValue(next);
                setError(undefined);
              }}
              error={error}
            />
            {children}
            <button className="nhsuk-button" type="submit">
              Continue
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
