/** Dates, numbers and durations written the way the UI's language writes them (Intl, per locale). */
import i18n from "../i18n";

/** A short local date and time for tables ("26 Nov 2026, 14:05" / "26.11.2026, 14:05"). */
export function formatDateTime(value: string | null | undefined, locale: string = i18n.language): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A count with the language's digit grouping ("1,234" / "1.234"). */
export function formatNumber(value: number, locale: string = i18n.language): string {
  return new Intl.NumberFormat(locale).format(value);
}

const DURATION_UNITS = [
  { unit: "day", seconds: 86_400 },
  { unit: "hour", seconds: 3600 },
  { unit: "minute", seconds: 60 },
] as const;

/** A duration in its largest exact unit, in words: "1 day", "2 Stunden", "90 minutes". */
export function formatDuration(seconds: number, locale: string = i18n.language): string {
  const match = DURATION_UNITS.find(({ seconds: size }) => seconds >= size && seconds % size === 0);
  const unit = match?.unit ?? "minute";
  const amount = match ? seconds / match.seconds : Math.round(seconds / 60);
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(amount);
}

/** The host of an absolute URL, or the text itself when it is not one. */
export function urlHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
