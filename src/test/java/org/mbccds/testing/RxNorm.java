package org.mbccds.testing;

/** RxNorm codes the tests order or record, at the levels real EHRs and Synthea send (SCD, SBD, ingredient). */
public final class RxNorm {
    public static final String LETROZOLE_SCD = "200064";
    public static final String ANASTROZOLE_SCD = "199224";
    public static final String TAMOXIFEN_SCD = "198240";
    public static final String FULVESTRANT_SCD = "727762";
    public static final String PALBOCICLIB_SCD = "1601380";
    public static final String VERZENIO_SBD = "1946840";
    public static final String CAPECITABINE = "194000";
    public static final String TRASTUZUMAB = "224905";
    public static final String ENHERTU_SBD = "2267581";
    public static final String OLAPARIB = "1597582";
    public static final String PEMBROLIZUMAB = "1547545";
    public static final String DENOSUMAB_SCD = "993452";
    public static final String LEUPROLIDE_PRODUCT = "1163443";

    private RxNorm() {
    }
}
