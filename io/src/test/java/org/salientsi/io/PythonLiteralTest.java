package org.salientsi.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict parser of the Python literal dict in a .npy header: what ast.literal_eval reads, and no more. */
class PythonLiteralTest {

    private static Map<String, Object> parse(String text) {
        return PythonLiteral.parseDict("h.npy", text, false);
    }

    @Test
    void readsStringsBooleansIntegersAndTuplesWithTheirPythonValues() {
        Map<String, Object> d = parse(" {'a': 'x y', \"b\": True, 'c': False, 'd': -12, 'e': (), 'f': (3,),"
                + " 'g': (1, (2, 3), ), 'h': 0, 'i': 123456789012345678901234567890}\n   ");
        assertThat(d).containsExactly(Map.entry("a", "x y"), Map.entry("b", true), Map.entry("c", false),
                Map.entry("d", BigInteger.valueOf(-12)), Map.entry("e", List.of()),
                Map.entry("f", List.of(BigInteger.valueOf(3))),
                Map.entry("g", List.of(BigInteger.ONE, List.of(BigInteger.TWO, BigInteger.valueOf(3)))),
                Map.entry("h", BigInteger.ZERO), Map.entry("i", new BigInteger("123456789012345678901234567890")));
        assertThat(parse("{}")).isEmpty();
        assertThat(parse("{'a': 1,}")).containsEntry("a", BigInteger.ONE);
    }

    @Test
    void pythonTwoLongsAreReadOnlyWhenAllowed() {
        assertThat(PythonLiteral.parseDict("h.npy", "{'s': (3L, 4L)}", true))
                .containsEntry("s", List.of(BigInteger.valueOf(3), BigInteger.valueOf(4)));
        assertThatThrownBy(() -> parse("{'s': (3L, 4L)}")).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("'L' after an integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'a': __import__('os')}", "{'a': (8, 8*8)}", "{'a': 1+1}", "{'a': +1}", "{'a': None}", "{'a': 1.5}",
        "{'a': 0x10}", "{'a': 1_000}", "{'a': 007}", "{'a': true}", "{'a': [1, 2]}", "{'a': {'b': 1}}",
        "{'a': ('x')}", "{'a': (1)}", "{'a': 'x' 'y'}", "{'a': b'x'}", "{'a': u'x'}", "{'a': 'x\\'y'}",
        "{'a': 'x}", "{'a' 1}", "{'a': 1 'b': 2}", "{1: 2}", "{'a': 1} {}", "{'a': 1}x", "['a', 1]", "",
        "{'a': -}", "{'a': - 1}", "{'a': (1,,)}", "{'a': (,)}", "{'a': 1", "{'a': 1,, 'b': 2}", "{,}",
        "{'a': 'line\nbreak'}", "{'a': lambda: 0}", "{'a': ((((((((((1,),),),),),),),),),)}"
    })
    void anythingButTheLiteralsIsRefusedNamingTheFile(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("h.npy has a malformed .npy header (at character ")
                .satisfies(e -> assertThat(((FileFormatException) e).file()).isEqualTo("h.npy"));
    }

    @Test
    void duplicateKeysAreRefusedWhereAPythonDictWouldKeepTheLast() {
        assertThatThrownBy(() -> parse("{'fortran_order': False, 'shape': (2,), 'fortran_order': True}"))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("duplicate key 'fortran_order'")
                .hasMessageContaining("at character 40");
        assertThatThrownBy(() -> parse("{'a': 1, \"a\": 1}")).hasMessageContaining("duplicate key 'a'");
    }

    @Test
    void aCallIsNamedInTheMessage() {
        assertThatThrownBy(() -> parse("{'descr': __import__('os').system('x')}"))
                .hasMessageContaining("'__import__' is not a literal");
    }
}
