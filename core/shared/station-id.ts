/** A station's id, as a station takes it and the plant registers it: letters, digits, . _ - (up to 63; a PostgreSQL role's length). */
export const STATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
