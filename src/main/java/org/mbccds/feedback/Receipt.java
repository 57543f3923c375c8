package org.mbccds.feedback;

/**
 * The answer to a stored feedback request.
 *
 * @param received   items in the request
 * @param stored     items new to the store
 * @param duplicates items the store already had (a batch sent again) or that repeat within the request
 */
public record Receipt(int received, int stored, int duplicates) {
}
