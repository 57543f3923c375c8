/**
 * Validation of a record against the mbc-cds FHIR profiles (fhir-profiles/structuredefinitions/) with HAPI's
 * FhirInstanceValidator, for integration engineers: why a record is not understood. Never on the hook path: the
 * validator costs seconds and hundreds of MB to build, so it is built on the first validation call only.
 */
package org.mbccds.validation;
