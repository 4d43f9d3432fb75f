package dev.satchel.flask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.flask.internal.PythonFloat;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {

  /** IEEE bits and Python 3.11's repr() of them (generated with CPython; the JDK prints most of these differently). */
  @ParameterizedTest
  @CsvSource({
      "3fb999999999999a, 0.1",
      "3ee4f8b588e368f1, 1e-05",
      "4341c37937e08000, 1e+16",
      "430c6bf526340000, 1000000000000000.0",
      "8000000000000000, -0.0",
      "0000000000000000, 0.0",
      "3ff0000000000000, 1.0",
      "419d6f34547df3b6, 123456789.123",
      "0000000000000001, 5e-324",
      "0000000000000003, 1.5e-323",
      "0010000000000000, 2.2250738585072014e-308",
      "7fefffffffffffff, 1.7976931348623157e+308",
      "4340000000000000, 9007199254740992.0",
      "4341c37937e07fff, 9999999999999998.0",
      "4480f0cf064dd592, 1e+22",
      "44b52d02c7e14af6, 1e+23",
      "3fd3333333333333, 0.3",
      "3fe5555555555555, 0.6666666666666666",
      "4059000000000000, 100.0",
      "3f1a36e2eb1c432d, 0.0001",
      "3f0a36e2eb1c432d, 5e-05",
      "3f50624dd2f1a9fc, 0.001",
      "3ee9cb8320b15070, 1.23e-05",
      "7e41eb2d66005835, 1.5e+300",
      "bdf12e0be826d695, -2.5e-10",
      "4011666666666666, 4.35",
      "3d30000000000000, 5.684341886080802e-14",
      "4450000000000000, 1.1805916207174113e+21",
      "444b1ae4d6e2ef50, 1e+21",
      "3f201f31f46ed246, 0.000123",
      "43e56a95319d63e1, 1.2345678901234567e+19",
      "01aa749ec2ff5c8a, 1.2345e-300",
      "421bf08eb0000000, 30000000000.0",
      "447c7e83209e90b2, 8.41e+21",
  })
  void matchesPythonRepr(String bits, String python) {
    double value = Double.longBitsToDouble(HexFormat.fromHexDigitsToLong(bits));
    assertThat(PythonFloat.repr(value)).isEqualTo(python);
  }

  @Test
  void nonFiniteValuesAsPythonJsonWritesThem() {
    assertThat(PythonFloat.repr(Double.NaN)).isEqualTo("NaN");
    assertThat(PythonFloat.repr(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(PythonFloat.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @Test
  void randomDoublesRoundTripWithAtMostSeventeenDigitsInPythonLayout() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      double v = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String repr = PythonFloat.repr(v);
      assertThat(Double.parseDouble(repr)).as(repr).isEqualTo(v);
      String mantissa = repr.replaceFirst("e.*", "").replace("-", "").replace(".", "").replaceFirst("^0+", "");
      assertThat(mantissa.replaceFirst("0+$", "").length()).as(repr).isLessThanOrEqualTo(17);
      assertThat(repr).matches("-?(\\d+\\.\\d+|\\d(\\.\\d+)?e[+-]\\d{2,3})");
    }
  }

  @Test
  void neverLongerThanTheJdksOwnShortestCandidate() {
    // Shortness: a 1-digit-shorter string would have been found if it round-tripped; check that dropping the last
    // digit (rounded either way) never round-trips.
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 5_000; i++) {
      double v = Math.abs(Double.longBitsToDouble(random.nextLong()));
      if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
        continue;
      }
      String repr = PythonFloat.repr(v);
      java.math.BigDecimal d = new java.math.BigDecimal(repr);
      int digits = d.stripTrailingZeros().precision();
      if (digits <= 1) {
        continue;
      }
      java.math.BigDecimal exact = new java.math.BigDecimal(v);
      for (java.math.RoundingMode mode : new java.math.RoundingMode[] {java.math.RoundingMode.FLOOR,
          java.math.RoundingMode.CEILING}) {
        double shorter = exact.round(new java.math.MathContext(digits - 1, mode)).doubleValue();
        assertThat(shorter).as("%s with %d digits", repr, digits - 1).isNotEqualTo(v);
      }
    }
  }
}
