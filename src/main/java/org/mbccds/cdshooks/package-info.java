/**
 * The CDS Hooks 2.0 JSON model: requests, responses, cards, discovery and feedback, as immutable records.
 * Optional attributes are omitted when empty (spec rule: no null or empty values, except {"cards": []}).
 */
package org.mbccds.cdshooks;
