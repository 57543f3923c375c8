package org.mbccds.record;

/**
 * A request whose prefetch holds more resources than mbc.limits.max-resources: refused (413) rather than truncated,
 * because a record cut at an arbitrary entry could silently drop the very resource a rule needs (a progression, a
 * HER2 result), and a client sending that much should narrow its prefetch query instead. The message names the key
 * and the limit, never data.
 */
public class RecordTooLargeException extends RuntimeException {
    public RecordTooLargeException(String key, int limit) {
        super("The prefetch holds more than " + limit + " resources (reached at '" + key + "'); the limit is"
                + " mbc.limits.max-resources=" + limit + ". Narrow the prefetch query (a date range or _count)");
    }
}
