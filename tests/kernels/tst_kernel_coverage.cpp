// No variant ships untested: every SPIR-V variant embedded from shaders/variants.cmake must
// belong to a family that a kernel test iterates (the family tests enumerate their variants
// from the same table and fail on one they cannot test). A new variant fails this test until
// a test covers it.
#include <QtTest>

#include <string>

#include "kernel_test_util.h"
#include "shader_registry.h"

class TestKernelCoverage : public QObject {
    Q_OBJECT

private slots:
    void everyVariantHasATest() {
        // family prefix (or exact name) -> the test that iterates it
        const std::vector<std::pair<std::string, std::string>> families = {
            {"matvec_id_", "tst_kernel_matvec"}, {"matvec_", "tst_kernel_matvec"},
            {"matmul_id_", "tst_kernel_matmul_id"}, {"matmul_", "tst_kernel_matmul"},
            {"get_rows_", "tst_kernel_matmul"},
            {"flash_attn_", "tst_kernel_attention"},
        };
        const std::vector<std::pair<std::string, std::string>> singles = {
            {"smoke_i8_f16", "tst_vulkan_smoke"},      {"rms_norm", "tst_kernel_norm_rope"},
            {"softmax", "tst_kernel_norm_rope"},       {"rope", "tst_kernel_norm_rope"},
            {"eltwise", "tst_kernel_norm_rope"},       {"eltwise_f16out", "tst_kernel_norm_rope"},
            {"moe_route", "tst_kernel_moe"},           {"attn_reduce", "tst_kernel_attention"},
            {"moe_group", "tst_kernel_matmul_id"},
        };
        int weightVariants = 0;
        for (const auto& blob : ponder::shaders::all()) {
            const std::string name = blob.name;
            bool covered = false;
            for (const auto& [exact, test] : singles) covered = covered || name == exact;
            for (const auto& [prefix, test] : families) {
                if (covered || name.rfind(prefix, 0) != 0) continue;
                if (prefix == "flash_attn_") {
                    covered = name == "flash_attn_f16" || name == "flash_attn_f32";
                } else {
                    // Weight families: the suffix must be a format the kernels (and tests) know.
                    std::string p = prefix;
                    for (const char* id : {"matvec_id_", "matmul_id_"}) {
                        if (name.rfind(id, 0) == 0) p = id;
                    }
                    covered = ktest::weightTypeOf(name, p).has_value();
                    weightVariants += covered;
                }
            }
            QVERIFY2(covered, ("shader variant without a kernel test: " + name).c_str());
        }
        QCOMPARE(weightVariants, 5 * 16);  // matvec, matvec_id, matmul, matmul_id, get_rows x 16 formats
    }
};

QTEST_GUILESS_MAIN(TestKernelCoverage)
#include "tst_kernel_coverage.moc"
