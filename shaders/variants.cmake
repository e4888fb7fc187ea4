# The declarative variants table: one line per compiled SPIR-V module. Only what changes the
# memory layout (weight type, KV cache type, output type) is a define; sizes are
# specialization constants. Every variant listed here is exercised by tests/kernels (its
# coverage test fails when a variant has no test).
ponder_shader_variant(NAME smoke_i8_f16 SOURCE smoke.comp)

# Every weight format the engine computes (engine-spec.md 3); the suffix is the lower-case
# ggml type name, which is how engine/src/vk/kernels.cpp finds the variant.
set(PONDER_WEIGHT_TYPES F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K IQ4_NL IQ4_XS MXFP4)
foreach(t IN LISTS PONDER_WEIGHT_TYPES)
  string(TOLOWER ${t} suffix)
  ponder_shader_variant(NAME matvec_${suffix} SOURCE matvec.comp DEFINES WTYPE_${t})
  ponder_shader_variant(NAME matvec_id_${suffix} SOURCE matvec.comp DEFINES WTYPE_${t} MATVEC_ID)
  ponder_shader_variant(NAME matmul_${suffix} SOURCE matmul.comp DEFINES WTYPE_${t})
  ponder_shader_variant(NAME matmul_id_${suffix} SOURCE matmul.comp DEFINES WTYPE_${t} MATMUL_ID)
  ponder_shader_variant(NAME get_rows_${suffix} SOURCE get_rows.comp DEFINES WTYPE_${t})
endforeach()

ponder_shader_variant(NAME rms_norm SOURCE rms_norm.comp)
ponder_shader_variant(NAME softmax SOURCE softmax.comp)
ponder_shader_variant(NAME rope SOURCE rope.comp)
ponder_shader_variant(NAME eltwise SOURCE eltwise.comp)
ponder_shader_variant(NAME eltwise_f16out SOURCE eltwise.comp DEFINES OUT_F16)
ponder_shader_variant(NAME moe_route SOURCE moe_route.comp)
ponder_shader_variant(NAME moe_group SOURCE moe_group.comp)
ponder_shader_variant(NAME flash_attn_f32 SOURCE flash_attn.comp)
ponder_shader_variant(NAME flash_attn_f16 SOURCE flash_attn.comp DEFINES KV_F16)
ponder_shader_variant(NAME attn_reduce SOURCE attn_reduce.comp)
