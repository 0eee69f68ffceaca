/** Reading a row's checked values into the pieces several targets' records share. */
import type { Values } from '../values';
import type { AddressFields } from './types';

/** A text value, or null for an empty one. */
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The household's address and 户主 as a row gives them (住址 is the free-text address). */
export function addressFieldsOf(v: Values): AddressFields {
  return { estate: str(v.estate), building: str(v.building), unit: str(v.unit), room: str(v.room), addressText: str(v.address), headName: str(v.headName) };
}
