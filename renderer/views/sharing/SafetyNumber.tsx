import type { ReactNode } from 'react';

/**
 * The safety number two people read aloud to each other before a device gets a key (SECURITY.md "Device
 * cards and invites"), large enough to read, with what to do with it below.
 */
export function SafetyNumber({ number, testId, hint }: { number: ReactNode; testId: string; hint: ReactNode }) {
  return (
    <>
      <p>
        <code className="recovery-key" data-testid={testId}>
          {number}
        </code>
      </p>
      <p className="hint">{hint}</p>
    </>
  );
}
