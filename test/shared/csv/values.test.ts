import {
  day,
  duesStatus,
  INVALID,
  mailingPreference,
  membershipStatus,
  membershipType,
  yesNo,
  zip,
  ZIP_NEEDS_REVIEW,
} from '../../../shared/csv/values';

test('membership status: every wording national used, old and new', () => {
  expect(membershipStatus('Member in Good Standing')).toBe('good_standing');
  expect(membershipStatus('member_in_good_standing')).toBe('good_standing');
  expect(membershipStatus('MEMBER')).toBe('member');
  expect(membershipStatus('Lapsed')).toBe('lapsed');
  expect(membershipStatus('expired')).toBe('lapsed');
  expect(membershipStatus('L')).toBe('lapsed');
  expect(membershipStatus('  ')).toBeUndefined();
  expect(membershipStatus('former')).toBe(INVALID);
});

test('membership type: one-time, yearly/annual, monthly, income-based', () => {
  expect(membershipType('One-Time')).toBe('one_time');
  expect(membershipType('one time')).toBe('one_time');
  expect(membershipType('Annual')).toBe('yearly');
  expect(membershipType('yearly')).toBe('yearly');
  expect(membershipType('Monthly')).toBe('monthly');
  expect(membershipType('Income-Based')).toBe('income_based');
  expect(membershipType('lifetime')).toBe(INVALID);
});

test('dues status: every code, any canceled_by_… is canceled', () => {
  for (const code of ['never', 'active', 'past_due', 'overdue', 'lapsed', '2mo_plus_failed', 'manual'])
    expect(duesStatus(code)).toBe(code);
  expect(duesStatus('Past Due')).toBe('past_due');
  expect(duesStatus('canceled_by_admin')).toBe('canceled');
  expect(duesStatus('canceled_by_processor')).toBe('canceled');
  expect(duesStatus('cancelled_by_user')).toBe('canceled');
  expect(duesStatus('paused')).toBe(INVALID);
});

test('dates: M/D/YYYY, M/D/YY, ISO with or without a time; impossible dates refused', () => {
  expect(day('3/7/2017')).toBe('2017-03-07');
  expect(day('03/07/2017')).toBe('2017-03-07');
  expect(day('12/31/99')).toBe('1999-12-31');
  expect(day('1/2/21')).toBe('2021-01-02');
  expect(day('2021-01-15')).toBe('2021-01-15');
  expect(day('2021-01-15T00:00:00Z')).toBe('2021-01-15');
  expect(day('2021-01-15 08:30:00')).toBe('2021-01-15');
  expect(day('2/29/2024')).toBe('2024-02-29');
  expect(day('2/29/2023')).toBe(INVALID);
  expect(day('13/1/2020')).toBe(INVALID);
  expect(day('2020-02-30')).toBe(INVALID);
  expect(day('yesterday')).toBe(INVALID);
  expect(day('')).toBeUndefined();
});

test('yes/no: TRUE/FALSE, Y/N, 1/0 and sentence answers', () => {
  expect(yesNo('TRUE')).toBe(true);
  expect(yesNo('f')).toBe(false);
  expect(yesNo('Y')).toBe(true);
  expect(yesNo('0')).toBe(false);
  expect(yesNo('Yes, retired union member')).toBe(true);
  expect(yesNo('No, but former union member')).toBe(false);
  expect(yesNo('maybe')).toBe(INVALID);
  expect(yesNo('')).toBeUndefined();
});

test('mailing preference and ZIP codes', () => {
  expect(mailingPreference('Yes')).toBe('mail');
  expect(mailingPreference('Membership card only')).toBe('mail');
  expect(mailingPreference('No')).toBe('no_mail');
  expect(mailingPreference('no mail')).toBe('no_mail');
  expect(mailingPreference('carrier pigeon')).toBe(INVALID);
  expect(zip('90012')).toBe('90012');
  expect(zip('2134', 'MA')).toBe('02134');
  expect(zip('2134', 'Massachusetts')).toBe('02134');
  expect(zip('7102', 'N.J.')).toBe('07102');
  expect(zip('900121234')).toBe('90012-1234');
  expect(zip('90012-1234')).toBe('90012-1234');
  // Elsewhere a four-digit ZIP is not guessed: padded, "9001" in California would be a military ZIP.
  expect(zip('9001', 'CA')).toBe(ZIP_NEEDS_REVIEW);
  expect(zip('9001')).toBe(ZIP_NEEDS_REVIEW);
  expect(zip('21341234', 'CA')).toBe(ZIP_NEEDS_REVIEW);
  expect(zip('21341234', 'ct')).toBe('02134-1234');
  expect(zip('SW1A 1AA')).toBe(INVALID);
  expect(zip('123')).toBe(INVALID);
});
