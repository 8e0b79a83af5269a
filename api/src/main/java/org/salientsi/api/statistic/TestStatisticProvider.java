package org.salientsi.api.statistic;

import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.Plugin;

/**
 * Provides a test statistic ({@code ref-mean}, {@code ref-abs}, {@code contrast}, ...), listed in
 * {@code META-INF/services/org.salientsi.api.statistic.TestStatisticProvider}.
 */
public interface TestStatisticProvider extends Plugin {

    /**
     * @param parameters options
     * @return the statistic
     */
    TestStatistic create(Parameters parameters);
}
