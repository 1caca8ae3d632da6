/**
 * A member's name that opens their page: a link-styled button, or plain text
 * when there is no member to open (deleted, or a note about nobody).
 */
import type { ReactNode } from 'react';
import { useSpace } from '../app/SpaceContext';

export function MemberLink({ memberId, children }: { memberId: string | undefined; children: ReactNode }) {
  const { navigate } = useSpace();
  if (memberId === undefined) return <>{children}</>;
  return (
    <button type="button" className="link member-link" onClick={() => navigate({ view: 'member', memberId })}>
      {children}
    </button>
  );
}
