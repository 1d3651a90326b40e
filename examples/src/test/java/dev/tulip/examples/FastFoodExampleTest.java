package dev.tulip.examples;

import static dev.tulip.examples.Output.assertPrints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.examples.fastfood.Kitchen;
import dev.tulip.examples.fastfood.Study;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples of seed 001: the fast-food server, on virtual time: their whole output. */
class FastFoodExampleTest {
    @Test
    void fastfoodNaive() {
        assertPrints("""
                => Order placed by A
                => Order placed by B
                    > Filling the soda for A
                    > Starting the fries for A
                    > Ordering A's burger from the kitchen
                    > Filling the soda for B
                    > Starting the fries for B
                    > Ordering B's burger from the kitchen
                    < A's soda is ready
                    < B's soda is ready
                    < A's burger is ready
                    < B's burger is ready
                    < A's fries are ready
                    < B's fries are ready
                <= A served in 0:00:04
                <= B served in 0:00:04
                """, "fastfood_naive");
    }

    @Test
    void fastfoodTwoClients() {
        assertPrints("""
                => Order placed by B
                => Order placed by A
                    > Filling the soda for B
                    > Getting fries for B
                   ** Starting to cook the fries
                    > Ordering B's burger from the kitchen
                    > Ordering A's burger from the kitchen
                    < B's soda is ready
                    > Filling the soda for A
                    < A's soda is ready
                    < B's burger is ready
                    < A's burger is ready
                   ** The fries are cooked
                    < B's fries are ready
                    > Getting fries for A
                    < A's fries are ready
                <= B served in 0:00:04
                <= A served in 0:00:04
                """, "fastfood_two_clients");
    }

    @Test
    void fastfood() {
        assertPrints("""
                # 10 clients at once, started in the order C D E F A G H B I J
                <= C served in 0:00:04
                <= D served in 0:00:04
                <= E served in 0:00:04
                <= F served in 0:00:06
                <= A served in 0:00:06
                <= G served in 0:00:08
                <= H served in 0:00:09
                <= B served in 0:00:09
                <= I served in 0:00:09
                <= J served in 0:00:12
                # perfTest(10, 1, 5): one client per second
                <= client_1 served in 0:00:04
                <= client_2 served in 0:00:03
                <= client_3 served in 0:00:03
                <= client_4 served in 0:00:03
                <= client_5 served in 0:00:03
                <= client_6 served in 0:00:04
                <= client_7 served in 0:00:03
                <= client_8 served in 0:00:03
                <= client_9 served in 0:00:03
                <= client_10 served in 0:00:03
                10/10 clients satisfied
                # perfTest(10, 0.5, 5): two clients per second
                <= client_1 served in 0:00:04
                <= client_2 served in 0:00:03.500000
                <= client_3 served in 0:00:03
                <= client_4 served in 0:00:04.500000
                <= client_5 served in 0:00:04.500000
                <= client_6 served in 0:00:05.500000
                <= client_7 served in 0:00:06
                <= client_8 served in 0:00:06
                <= client_9 served in 0:00:06
                <= client_10 served in 0:00:07.500000
                5/10 clients satisfied
                """, "fastfood");
    }

    @Test
    void fastfoodStudy() {
        assertPrints("""
                256 kitchens tried. Each cell: clients served in less than 5 s in perfTest(10, 0.5, 5) / perfTest(100, 0.5, 5)

                1 soda machine (+0 points)
                  cooks \\ fryer        5        6        7        8        9       10       11       12
                      3              5/5      6/6      6/6      6/6      6/6      6/6      6/6      6/6
                      4              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                      5              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                      6              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                      7              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                      8              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                      9              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                     10              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8

                2 soda machines (+200 points)
                  cooks \\ fryer        5        6        7        8        9       10       11       12
                      3              5/5      6/6      6/6      6/6      6/6      6/6      6/6      6/6
                      4              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                      5              8/8     9/14    10/19    10/20    10/20    10/20    10/20    10/20
                      6              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      7              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      8              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      9              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                     10              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100

                3 soda machines (+400 points)
                  cooks \\ fryer        5        6        7        8        9       10       11       12
                      3              5/5      6/6      6/6      6/6      6/6      6/6      6/6      6/6
                      4              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                      5              8/8     9/14    10/19    10/20    10/20    10/20    10/20    10/20
                      6              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      7              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      8              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      9              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                     10              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100

                4 soda machines (+600 points)
                  cooks \\ fryer        5        6        7        8        9       10       11       12
                      3              5/5      6/6      6/6      6/6      6/6      6/6      6/6      6/6
                      4              6/6      7/7      8/8      8/8      8/8      8/8      8/8      8/8
                      5              8/8     9/14    10/19    10/20    10/20    10/20    10/20    10/20
                      6              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      7              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      8              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                      9              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100
                     10              8/8     9/15    10/35   10/100   10/100   10/100   10/100   10/100

                Cheapest to pass the seed's perfTest(10, 0.5, 5): 2 soda machines, 5 cooks, a 7-portion fryer, 372 points; in a rush: 19/100
                Cheapest to serve 2 clients per second within 5 s: 2 soda machines, 6 cooks, an 8-portion fryer, 458 points
                  check, perfTest(1000, 0.5, 5): 1000/1000 clients satisfied
                Without the sixth cook, a 10-portion fryer: 2 soda machines, 5 cooks, a 10-portion fryer, 432 points: 20/100 in a rush
                """, "fastfood_study");
    }

    /** The seed's table for ten clients, in its order: client and seconds. */
    @Test
    void tenClientsAreServedWhenTheSeedSays() {
        Map<String, String> seed = new LinkedHashMap<>();
        for (String row : "C 4, D 4, E 4, F 6, A 6, G 8, H 9, B 9, I 9, J 12".split(", ")) {
            String[] cell = row.split(" ");
            seed.put(cell[0], String.format("0:00:%02d", Integer.parseInt(cell[1])));
        }
        String output = Output.ofExample("fastfood");
        Map<String, String> served = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<= ([A-J]) served in (\\S+)").matcher(output);
        while (m.find()) {
            served.put(m.group(1), m.group(2));
        }
        assertEquals(seed.toString(), served.toString());
    }

    /** On real time the same lines come, with durations a few milliseconds longer. */
    @Test
    void twoClientsOnRealTime() {
        String output = Output.ofExample("fastfood_two_clients", "--real-time");
        String[] lines = output.split("\n");
        assertEquals(18, lines.length, output);
        String[] virtual = Output.ofExample("fastfood_two_clients").split("\n");
        for (int i = 0; i < 16; i++) {
            assertEquals(virtual[i], lines[i]);
        }
        assertTrue(lines[16].matches("<= B served in 0:00:04(\\.\\d{6})?"), lines[16]);
        assertTrue(lines[17].matches("<= A served in 0:00:04(\\.\\d{6})?"), lines[17]);
    }

    @Test
    void costModel() {
        assertEquals(0, Study.cost(Kitchen.SEED));
        assertEquals(200, Study.cost(new Kitchen(2, 3, 5)));
        assertEquals(66, Study.cost(new Kitchen(1, 4, 5)));
        assertEquals(60, Study.cost(new Kitchen(1, 3, 8)));
        assertEquals(458, Study.cost(new Kitchen(2, 6, 8)));
    }
}
