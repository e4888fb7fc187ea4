# Block formats: scalar reference dequantize/quantize (engine-spec.md 3).
set(ponder_quant_sources
  src/quant/quant.cpp
  src/quant/quant_float.cpp
  src/quant/quant_fit.cpp
  src/quant/quant_legacy.cpp
  src/quant/quant_k.cpp
  src/quant/quant_k_quantize.cpp
  src/quant/quant_iq.cpp
  src/quant/quant_mxfp4.cpp
)
target_sources(ponder_engine PRIVATE ${ponder_quant_sources})

# Dequantization must give the same floats as ggml's scalar code. For the formats here every
# product (f16 scale × small integer scale × code) is exact in binary32, so the order of
# multiplications and fused multiply-adds cannot change a result (tst_quant_oracle checks
# this bit for bit). Contraction is still turned off so that a future format whose products
# do round cannot differ from ggml just because the compiler fused d·q + m into an FMA.
if(NOT MSVC)
  set_source_files_properties(${ponder_quant_sources} PROPERTIES COMPILE_OPTIONS -ffp-contract=off)
endif()
