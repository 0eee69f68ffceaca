/** Why a ledger folder cannot be opened, told to the startup screen (the renderer loads this file). */
export interface LedgerProblem {
  code: 'NOT_A_LEDGER' | 'LEDGER_DAMAGED' | 'LEDGER_TOO_NEW' | 'KEYRING_MISMATCH';
  message: string;
}
