package io.connectionhub.support;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A real {@code @ConfigMapping} built from given properties and the mapping's own defaults, with Quarkus's
 * converters ({@code 5s}, {@code 3650d}, {@code 1M}), for plain JUnit tests of components without CDI.
 */
public final class ConfigMappings {

    private ConfigMappings() {
    }

    public static <T> T of(Class<T> mapping, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(mapping)
                .build();
        return config.getConfigMapping(mapping);
    }
}
