/** A development zone (开发区) with its dispatch room (分调度室). */
export interface Zone {
  id: string;
  name: string;
}

/** A help-enterprise team (助企队) working in one zone. */
export interface Team {
  id: string;
  zoneId: string;
  name: string;
}

/** An enterprise visited by a team; `contactPhone` receives the survey SMS. */
export interface Enterprise {
  id: string;
  zoneId: string;
  teamId: string;
  name: string;
  contactName: string;
  contactPhone: string;
  /** Set when the enterprise replied 退订/TD or the office marked it: it is never messaged again. */
  optedOutAt?: string;
  /** `sms-reply` (退订/TD) or what the office wrote. */
  optOutReason?: string;
}
