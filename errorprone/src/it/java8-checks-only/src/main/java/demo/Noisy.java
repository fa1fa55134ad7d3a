package demo;

import java.util.ArrayList;
import java.util.List;

/** 150 raw-type warnings first, then numguard's idioms: the cap of 100 warnings would hide them. */
public final class Noisy {
    private Noisy() {
    }

    static List raw0() { return new ArrayList(); }
    static List raw1() { return new ArrayList(); }
    static List raw2() { return new ArrayList(); }
    static List raw3() { return new ArrayList(); }
    static List raw4() { return new ArrayList(); }
    static List raw5() { return new ArrayList(); }
    static List raw6() { return new ArrayList(); }
    static List raw7() { return new ArrayList(); }
    static List raw8() { return new ArrayList(); }
    static List raw9() { return new ArrayList(); }
    static List raw10() { return new ArrayList(); }
    static List raw11() { return new ArrayList(); }
    static List raw12() { return new ArrayList(); }
    static List raw13() { return new ArrayList(); }
    static List raw14() { return new ArrayList(); }
    static List raw15() { return new ArrayList(); }
    static List raw16() { return new ArrayList(); }
    static List raw17() { return new ArrayList(); }
    static List raw18() { return new ArrayList(); }
    static List raw19() { return new ArrayList(); }
    static List raw20() { return new ArrayList(); }
    static List raw21() { return new ArrayList(); }
    static List raw22() { return new ArrayList(); }
    static List raw23() { return new ArrayList(); }
    static List raw24() { return new ArrayList(); }
    static List raw25() { return new ArrayList(); }
    static List raw26() { return new ArrayList(); }
    static List raw27() { return new ArrayList(); }
    static List raw28() { return new ArrayList(); }
    static List raw29() { return new ArrayList(); }
    static List raw30() { return new ArrayList(); }
    static List raw31() { return new ArrayList(); }
    static List raw32() { return new ArrayList(); }
    static List raw33() { return new ArrayList(); }
    static List raw34() { return new ArrayList(); }
    static List raw35() { return new ArrayList(); }
    static List raw36() { return new ArrayList(); }
    static List raw37() { return new ArrayList(); }
    static List raw38() { return new ArrayList(); }
    static List raw39() { return new ArrayList(); }
    static List raw40() { return new ArrayList(); }
    static List raw41() { return new ArrayList(); }
    static List raw42() { return new ArrayList(); }
    static List raw43() { return new ArrayList(); }
    static List raw44() { return new ArrayList(); }
    static List raw45() { return new ArrayList(); }
    static List raw46() { return new ArrayList(); }
    static List raw47() { return new ArrayList(); }
    static List raw48() { return new ArrayList(); }
    static List raw49() { return new ArrayList(); }
    static List raw50() { return new ArrayList(); }
    static List raw51() { return new ArrayList(); }
    static List raw52() { return new ArrayList(); }
    static List raw53() { return new ArrayList(); }
    static List raw54() { return new ArrayList(); }
    static List raw55() { return new ArrayList(); }
    static List raw56() { return new ArrayList(); }
    static List raw57() { return new ArrayList(); }
    static List raw58() { return new ArrayList(); }
    static List raw59() { return new ArrayList(); }
    static List raw60() { return new ArrayList(); }
    static List raw61() { return new ArrayList(); }
    static List raw62() { return new ArrayList(); }
    static List raw63() { return new ArrayList(); }
    static List raw64() { return new ArrayList(); }
    static List raw65() { return new ArrayList(); }
    static List raw66() { return new ArrayList(); }
    static List raw67() { return new ArrayList(); }
    static List raw68() { return new ArrayList(); }
    static List raw69() { return new ArrayList(); }
    static List raw70() { return new ArrayList(); }
    static List raw71() { return new ArrayList(); }
    static List raw72() { return new ArrayList(); }
    static List raw73() { return new ArrayList(); }
    static List raw74() { return new ArrayList(); }
    static List raw75() { return new ArrayList(); }
    static List raw76() { return new ArrayList(); }
    static List raw77() { return new ArrayList(); }
    static List raw78() { return new ArrayList(); }
    static List raw79() { return new ArrayList(); }
    static List raw80() { return new ArrayList(); }
    static List raw81() { return new ArrayList(); }
    static List raw82() { return new ArrayList(); }
    static List raw83() { return new ArrayList(); }
    static List raw84() { return new ArrayList(); }
    static List raw85() { return new ArrayList(); }
    static List raw86() { return new ArrayList(); }
    static List raw87() { return new ArrayList(); }
    static List raw88() { return new ArrayList(); }
    static List raw89() { return new ArrayList(); }
    static List raw90() { return new ArrayList(); }
    static List raw91() { return new ArrayList(); }
    static List raw92() { return new ArrayList(); }
    static List raw93() { return new ArrayList(); }
    static List raw94() { return new ArrayList(); }
    static List raw95() { return new ArrayList(); }
    static List raw96() { return new ArrayList(); }
    static List raw97() { return new ArrayList(); }
    static List raw98() { return new ArrayList(); }
    static List raw99() { return new ArrayList(); }
    static List raw100() { return new ArrayList(); }
    static List raw101() { return new ArrayList(); }
    static List raw102() { return new ArrayList(); }
    static List raw103() { return new ArrayList(); }
    static List raw104() { return new ArrayList(); }
    static List raw105() { return new ArrayList(); }
    static List raw106() { return new ArrayList(); }
    static List raw107() { return new ArrayList(); }
    static List raw108() { return new ArrayList(); }
    static List raw109() { return new ArrayList(); }
    static List raw110() { return new ArrayList(); }
    static List raw111() { return new ArrayList(); }
    static List raw112() { return new ArrayList(); }
    static List raw113() { return new ArrayList(); }
    static List raw114() { return new ArrayList(); }
    static List raw115() { return new ArrayList(); }
    static List raw116() { return new ArrayList(); }
    static List raw117() { return new ArrayList(); }
    static List raw118() { return new ArrayList(); }
    static List raw119() { return new ArrayList(); }
    static List raw120() { return new ArrayList(); }
    static List raw121() { return new ArrayList(); }
    static List raw122() { return new ArrayList(); }
    static List raw123() { return new ArrayList(); }
    static List raw124() { return new ArrayList(); }
    static List raw125() { return new ArrayList(); }
    static List raw126() { return new ArrayList(); }
    static List raw127() { return new ArrayList(); }
    static List raw128() { return new ArrayList(); }
    static List raw129() { return new ArrayList(); }
    static List raw130() { return new ArrayList(); }
    static List raw131() { return new ArrayList(); }
    static List raw132() { return new ArrayList(); }
    static List raw133() { return new ArrayList(); }
    static List raw134() { return new ArrayList(); }
    static List raw135() { return new ArrayList(); }
    static List raw136() { return new ArrayList(); }
    static List raw137() { return new ArrayList(); }
    static List raw138() { return new ArrayList(); }
    static List raw139() { return new ArrayList(); }
    static List raw140() { return new ArrayList(); }
    static List raw141() { return new ArrayList(); }
    static List raw142() { return new ArrayList(); }
    static List raw143() { return new ArrayList(); }
    static List raw144() { return new ArrayList(); }
    static List raw145() { return new ArrayList(); }
    static List raw146() { return new ArrayList(); }
    static List raw147() { return new ArrayList(); }
    static List raw148() { return new ArrayList(); }
    static List raw149() { return new ArrayList(); }

    /** Error Prone's own DeadException check would fail the build; it is off. */
    static void notThrown() {
        new IllegalStateException("never thrown");
    }

    static double[] softmax(double[] logits) {
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i]);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    static double logReturn(double rate) {
        return Math.log(1 + rate);
    }
}
