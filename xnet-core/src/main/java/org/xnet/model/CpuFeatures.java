package org.xnet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of the CPU decides the arithmetic, read from the kernel's {@code /proc/cpuinfo}: its model
 * and family, AVX-512 ({@code avx512f}), and its bfloat16 units: AMX tiles ({@code amx_bf16}) and
 * AVX-512 BF16 ({@code avx512_bf16}). Mixed precision only pays off with one of them.
 */
public record CpuFeatures(String model, int family, boolean avx512, boolean amxBf16, boolean avx512Bf16) {

    /** True when the CPU has hardware bfloat16 arithmetic. */
    public boolean bf16() {
        return amxBf16 || avx512Bf16;
    }

    /** The features of this machine ({@code /proc/cpuinfo}); none where that file cannot be read. */
    public static CpuFeatures detect() {
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return parse("");
        }
    }

    /** The features described by the text of a {@code /proc/cpuinfo} file (its first processor). */
    public static CpuFeatures parse(String cpuinfo) {
        String model = "unknown";
        int family = -1;
        Set<String> flags = Set.of();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("cpu family") && family < 0 && value.matches("\\d{1,4}")) {
                family = Integer.parseInt(value);
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags = Arrays.stream(value.split("\\s+")).collect(Collectors.toSet());
            }
        }
        return new CpuFeatures(model, family, flags.contains("avx512f"), flags.contains("amx_bf16"),
                flags.contains("avx512_bf16"));
    }
}
