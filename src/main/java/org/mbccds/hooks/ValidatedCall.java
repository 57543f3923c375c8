package org.mbccds.hooks;

import org.mbccds.record.RecordRequest;

/** A hook call that passed protocol validation: what the record step needs, plus the hookInstance for logs. */
record ValidatedCall(ServiceCatalog.Service service, String hookInstance, RecordRequest recordRequest) {
}
