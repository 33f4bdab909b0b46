/**
 * A one-event iCalendar file (RFC 5545) for "add to calendar".
 *
 * Hand-rolled on purpose: a single VEVENT needs about twenty lines, while the calendar libraries
 * on npm (ics, ical-generator) add 10–40 KB and their own dependencies to a widget that citizens
 * load over slow rural links. The three rules that matter are implemented and unit-tested here:
 * CRLF line endings (§3.1), folding of lines longer than 75 octets (§3.1, counted in UTF-8
 * bytes because Vietnamese letters take 2–3 bytes each), and TEXT escaping of `\ ; , newline`
 * (§3.3.11). Times are written in UTC (`…Z`, §3.3.5 form 2), which every calendar converts to
 * the reader's zone without needing a VTIMEZONE block for Asia/Ho_Chi_Minh.
 */
import { now } from '@dvc-widgets/core';

export interface IcsEvent {
  /** Globally unique, stable id: re-importing the same booking updates instead of duplicating. */
  uid: string;
  /** ISO instants with offset (`2026-12-01T08:00:00+07:00`). */
  start: string;
  end: string;
  summary: string;
  description?: string;
  location?: string;
  /** When the file was made (DTSTAMP). */
  stamp?: Date;
  /** Reminder this many minutes before the start (a VALARM); omitted when undefined. */
  alarmMinutes?: number;
  /** Text of the reminder. */
  alarmText?: string;
  /** `CANCELLED` marks a cancelled booking so importing it removes the event. */
  status?: 'CONFIRMED' | 'CANCELLED';
}

const CRLF = '\r\n';

/** `2026-12-01T08:00:00+07:00` → `20261201T010000Z`. Throws on an unparsable instant. */
export function toUtcStamp(value: string | Date): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date-time: ${String(value)}`);
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line so no physical line exceeds 75 octets; continuation lines start with one
 * space. Never splits a UTF-8 sequence (or a surrogate pair): we cut between code points.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (bytes + size > limit) {
      out.push(current);
      current = ' ';
      bytes = 1;
      limit = 75;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** The whole VCALENDAR text, CRLF-terminated. */
export function buildIcs(event: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//dvc-widgets//appointment-booking//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${toUtcStamp(event.stamp ?? new Date(now()))}`,
    `DTSTART:${toUtcStamp(event.start)}`,
    `DTEND:${toUtcStamp(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  lines.push(`STATUS:${event.status ?? 'CONFIRMED'}`);
  if (event.alarmMinutes !== undefined) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(event.alarmText ?? event.summary)}`,
      `TRIGGER:-PT${Math.max(0, Math.round(event.alarmMinutes))}M`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
