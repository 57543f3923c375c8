package org.mbccds.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.mbccds.terminology.Terminology;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds HAPI's validator with our StructureDefinitions and every ValueSet of fhir-profiles/ loaded, offline: the
 * R4 base definitions, in-memory terminology for our ValueSets and the small code systems HAPI knows (UCUM,
 * languages, MIME types), no terminology server. LOINC, SNOMED CT, RxNorm and ICD-10-CM are not available, so codes
 * are checked for membership in our ValueSets (by the service's own matchers, {@link OurValueSetsSupport}), not for
 * existence in their code system.
 */
final class ValidatorFactory {
    private ValidatorFactory() {
    }

    static FhirValidator build(FhirContext ctx, Path profilesDir, Terminology terminology) {
        // Our own files are parsed strictly: a typo in a profile must fail loudly, not be skipped as real data is.
        IParser parser = ctx.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
        List<Path> files = jsonFiles(profilesDir);
        List<StructureDefinition> profiles = new java.util.ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith("StructureDefinition-")) {
                StructureDefinition sd = parse(parser, file, StructureDefinition.class);
                profiles.add(sd);
                ours.addStructureDefinition(sd);
            } else if (name.startsWith("ValueSet-")) {
                ours.addValueSet(parse(parser, file, ValueSet.class));
            }
        }
        for (OurProfile p : OurProfile.values()) {
            if (profiles.stream().noneMatch(sd -> p.url().equals(sd.getUrl()))) {
                throw new IllegalStateException("No StructureDefinition " + p.url() + " in " + profilesDir
                        + " (run fhir-profiles/tools/profiles.py)");
            }
        }
        SnapshotGeneratingValidationSupport snapshots = new SnapshotGeneratingValidationSupport(ctx);
        ValidationSupportChain chain = new ValidationSupportChain(
                new OurValueSetsSupport(ctx, terminology),
                new DefaultProfileValidationSupport(ctx),
                ours,
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                snapshots);
        // The profiles are differentials: their snapshots are generated here, so a broken profile fails this build
        // (and names itself) rather than the middle of a validation.
        ValidationSupportContext context = new ValidationSupportContext(chain);
        for (StructureDefinition sd : profiles) {
            IBaseResource withSnapshot = snapshots.generateSnapshot(context, sd, sd.getUrl(), OurProfile.BASE, sd.getName());
            if (!(withSnapshot instanceof StructureDefinition done) || !done.hasSnapshot()) {
                throw new IllegalStateException("No snapshot could be generated for " + sd.getUrl());
            }
            ours.addStructureDefinition(done);
        }
        chain.invalidateCaches();
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        // Records declare mCODE and US Core profiles we do not ship; that is reported, not an error (see RecordValidator).
        module.setErrorForUnknownProfiles(false);
        module.setAnyExtensionsAllowed(true);
        // "Should have a performer / a narrative" is advice to FHIR authors, not about what mbc-cds can read.
        module.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
        FhirValidator validator = ctx.newValidator();
        validator.setValidateAgainstStandardSchema(false);
        validator.setValidateAgainstStandardSchematron(false);
        validator.registerValidatorModule(module);
        return validator;
    }

    private static List<Path> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("FHIR profiles directory not found: " + dir.toAbsolutePath());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(IParser parser, Path file,
                                                                                      Class<T> type) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parser.parseResource(type, reader);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Invalid " + type.getSimpleName() + " in " + file + ": " + e.getMessage(), e);
        }
    }
}
