/**
 * Resumable studies: every finished trial's row is appended to a JSONL checkpoint as one line, in
 * one write, as soon as it exists; a study started again on the same file runs only the trials that
 * are not there. A last line cut short by a kill is detected, dropped, and its trial run again.
 */
package org.salientsi.validation.checkpoint;
