const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T\s])/;

function validCalendarDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/**
 * A BigPicture date (`YYYY-MM-DD`) from what an n8n user can give: an ISO string (date or date-time; the calendar
 * date as written is kept, never shifted by a time zone), a Luxon DateTime (n8n's `$now`, `DateTime.fromISO`…,
 * in its own zone), a JS Date (UTC calendar date) or epoch milliseconds.
 * Returns undefined for an empty value; throws an Error naming the field for anything else.
 */
export function toApiDate(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (
		typeof value === 'object' &&
		typeof (value as { toISODate?: unknown }).toISODate === 'function'
	) {
		const iso = (value as { toISODate: () => string | null }).toISODate();
		if (iso) return iso;
	} else if (value instanceof Date) {
		if (!Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	} else if (typeof value === 'number') {
		if (Number.isFinite(value)) return new Date(value).toISOString().slice(0, 10);
	} else if (typeof value === 'string') {
		const match = ISO_DATE.exec(value.trim());
		if (match && validCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
			return `${match[1]}-${match[2]}-${match[3]}`;
		}
	}
	const shown = typeof value === 'string' ? `"${value}"` : String(value);
	throw new Error(
		`${field} is not a valid date: ${shown}. Use an ISO date such as 2025-01-31 (a date-time such as 2025-01-31T00:00:00 works too) or an n8n date value.`,
	);
}

/**
 * Top-level `…Date` fields of a JSON body given by the user, normalised to `YYYY-MM-DD` where they read as a date
 * (a date-time string, an n8n date value); anything else is left for the API to judge.
 */
export function normaliseBodyDates<T extends Record<string, unknown>>(body: T): T {
	const out: Record<string, unknown> = { ...body };
	for (const [key, value] of Object.entries(out)) {
		if (!/date$/i.test(key) || value === null || value === undefined || value === '') continue;
		try {
			out[key] = toApiDate(value, key);
		} catch {
			// not a date: sent as given
		}
	}
	return out as T;
}
