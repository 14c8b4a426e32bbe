/** Evidence photos of a complaint: how many, how large, and where in cloud storage they live. */

/** At most this many evidence images per case (DESIGN §4). */
export const MAX_EVIDENCE_FILES = 9
/** Per image; the same ceiling the local cloud's upload applies, checked again on the stored file. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
/** The cloud storage folder evidence is uploaded to; the function accepts files from here only. */
export const EVIDENCE_DIR = 'complaint-evidence'
