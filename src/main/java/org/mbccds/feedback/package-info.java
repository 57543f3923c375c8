/**
 * CDS Hooks feedback that is kept: parsing what clients send (the spec's shape, the sandbox's and Epic's variants),
 * durable and idempotent storage, and the report. No HTTP here: {@code org.mbccds.hooks.FeedbackResource} is the
 * surface. Nothing on the hook path writes here.
 */
package org.mbccds.feedback;
