// blocks.glsl: decoders for every weight format (engine-spec.md 3), shared by matvec,
// matmul and get_rows. Exactly one WTYPE_<name> define selects the format; the includer
// defines W_BINDING (the descriptor binding of the weight range).
//
// Interface:
//   QK                 elements per block, BLOCK_BYTES bytes per block
//   vec4 dequant4(uint rowByte, uint e)
//       elements e..e+3 (e a multiple of 4) of the row that starts at byte rowByte of the
//       bound range. Four consecutive elements always share one scale in every format, so
//       the scale is decoded once per call.
//
// Loads: rows of block formats are only 2-byte aligned (18-, 22-, 34-, 110-byte blocks), so
// quantized bytes are fetched as 16-bit words (two per 4 bytes) through an aliased view of
// the same binding; MXFP4 (17-byte blocks) is the only byte-aligned format and reads bytes.
// Arithmetic follows ggml's dequantize_row_* order (scale * q, then - min) so results match
// the CPU reference to the last bit unless the compiler fuses a multiply-add.
#ifndef PONDER_BLOCKS_GLSL
#define PONDER_BLOCKS_GLSL

#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_8bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_EXT_shader_explicit_arithmetic_types_int8 : require
#extension GL_EXT_shader_explicit_arithmetic_types_int16 : require

layout(std430, binding = W_BINDING) readonly buffer WeightU16 { uint16_t wu16[]; };
layout(std430, binding = W_BINDING) readonly buffer WeightF16 { float16_t wf16[]; };

// 16-bit word at an even byte offset.
uint w16(uint o) { return uint(wu16[o >> 1]); }
// 32 bits at an even byte offset, little-endian.
uint w32(uint o) { return w16(o) | (w16(o + 2u) << 16); }
// One byte at any offset, through the 16-bit view.
uint wbyte(uint o) { return (w16(o & ~1u) >> ((o & 1u) * 8u)) & 0xFFu; }
float wh(uint o) { return float(wf16[o >> 1]); }

// Byte k (0..3) of a packed word, as an unsigned / sign-extended value.
uint ub(uint w, uint k) { return (w >> (8u * k)) & 0xFFu; }
int sb(uint w, uint k) { return int(w << (24u - 8u * k)) >> 24; }

#if defined(WTYPE_F32)
#define QK 1u
#define BLOCK_BYTES 4u
layout(std430, binding = W_BINDING) readonly buffer WeightF32 { float wf32[]; };
vec4 dequant4(uint rowByte, uint e) {
    const uint i = (rowByte >> 2) + e;
    return vec4(wf32[i], wf32[i + 1u], wf32[i + 2u], wf32[i + 3u]);
}

#elif defined(WTYPE_F16)
#define QK 1u
#define BLOCK_BYTES 2u
vec4 dequant4(uint rowByte, uint e) {
    const uint i = (rowByte >> 1) + e;
    return vec4(float(wf16[i]), float(wf16[i + 1u]), float(wf16[i + 2u]), float(wf16[i + 3u]));
}

#elif defined(WTYPE_BF16)
#define QK 1u
#define BLOCK_BYTES 2u
vec4 dequant4(uint rowByte, uint e) {
    const uint i = (rowByte >> 1) + e;
    return vec4(uintBitsToFloat(uint(wu16[i]) << 16), uintBitsToFloat(uint(wu16[i + 1u]) << 16),
                uintBitsToFloat(uint(wu16[i + 2u]) << 16), uintBitsToFloat(uint(wu16[i + 3u]) << 16));
}

#elif defined(WTYPE_Q8_0)
#define QK 32u
#define BLOCK_BYTES 34u
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const float d = wh(b);
    const uint q = w32(b + 2u + (e % QK));
    return vec4(d * float(sb(q, 0u)), d * float(sb(q, 1u)), d * float(sb(q, 2u)), d * float(sb(q, 3u)));
}

#elif defined(WTYPE_Q4_0) || defined(WTYPE_IQ4_NL)
#define QK 32u
#define BLOCK_BYTES 18u
#if defined(WTYPE_IQ4_NL)
const float kIq4nl[16] = float[16](-127.0, -104.0, -83.0, -65.0, -49.0, -35.0, -22.0, -10.0,
                                   1.0, 13.0, 25.0, 38.0, 53.0, 69.0, 89.0, 113.0);
#define NIB(q) kIq4nl[q]
#else
#define NIB(q) (float(q) - 8.0)
#endif
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const float d = wh(b);
    // Split-half order: byte j holds element j (low nibble) and element j + 16 (high).
    const uint q = w32(b + 2u + (i & 15u)) >> (i >= 16u ? 4u : 0u);
    return vec4(d * NIB(q & 0xFu), d * NIB((q >> 8) & 0xFu), d * NIB((q >> 16) & 0xFu), d * NIB((q >> 24) & 0xFu));
}

#elif defined(WTYPE_Q4_1)
#define QK 32u
#define BLOCK_BYTES 20u
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const float d = wh(b), m = wh(b + 2u);
    const uint q = w32(b + 4u + (i & 15u)) >> (i >= 16u ? 4u : 0u);
    return vec4(d * float(q & 0xFu) + m, d * float((q >> 8) & 0xFu) + m, d * float((q >> 16) & 0xFu) + m,
                d * float((q >> 24) & 0xFu) + m);
}

#elif defined(WTYPE_Q5_0) || defined(WTYPE_Q5_1)
#define QK 32u
#if defined(WTYPE_Q5_0)
#define BLOCK_BYTES 22u
#define Q5_HEAD 2u
#else
#define BLOCK_BYTES 24u
#define Q5_HEAD 4u
#endif
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const float d = wh(b);
    const uint qh = w32(b + Q5_HEAD) >> i;  // bit i of qh is the 5th bit of element i
    const uint q = w32(b + Q5_HEAD + 4u + (i & 15u)) >> (i >= 16u ? 4u : 0u);
    vec4 v = vec4(float((q & 0xFu) | ((qh & 1u) << 4)), float(((q >> 8) & 0xFu) | (((qh >> 1) & 1u) << 4)),
                  float(((q >> 16) & 0xFu) | (((qh >> 2) & 1u) << 4)),
                  float(((q >> 24) & 0xFu) | (((qh >> 3) & 1u) << 4)));
#if defined(WTYPE_Q5_0)
    return d * (v - 16.0);
#else
    return d * v + wh(b + 2u);
#endif
}

#elif defined(WTYPE_MXFP4)
#define QK 32u
#define BLOCK_BYTES 17u
layout(std430, binding = W_BINDING) readonly buffer WeightU8 { uint8_t wu8[]; };
// E2M1 values doubled (ggml's kvalues_mxfp4), paired with a halved E8M0 scale.
const float kMxfp4[16] = float[16](0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0,
                                   0.0, -1.0, -2.0, -3.0, -4.0, -6.0, -8.0, -12.0);
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const uint ex = uint(wu8[b]);
    // 2^(e-128); e < 2 gives subnormals (a device that flushes them yields 0 there).
    const float d = uintBitsToFloat(ex < 2u ? (0x00200000u << ex) : ((ex - 1u) << 23));
    const uint o = b + 1u + (i & 15u);
    const uint sh = i >= 16u ? 4u : 0u;
    return vec4(kMxfp4[(uint(wu8[o]) >> sh) & 0xFu] * d, kMxfp4[(uint(wu8[o + 1u]) >> sh) & 0xFu] * d,
                kMxfp4[(uint(wu8[o + 2u]) >> sh) & 0xFu] * d, kMxfp4[(uint(wu8[o + 3u]) >> sh) & 0xFu] * d);
}

#elif defined(WTYPE_Q2_K)
#define QK 256u
#define BLOCK_BYTES 84u
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const uint half_ = i / 128u, j = (i % 128u) / 32u, r = i % 32u;
    const uint s = wbyte(b + 8u * half_ + 2u * j + (r >= 16u ? 1u : 0u));
    const float dl = wh(b + 80u) * float(s & 0xFu);
    const float ml = wh(b + 82u) * float(s >> 4);
    const uint q = w32(b + 16u + 32u * half_ + r) >> (2u * j);
    return vec4(dl * float(q & 3u) - ml, dl * float((q >> 8) & 3u) - ml, dl * float((q >> 16) & 3u) - ml,
                dl * float((q >> 24) & 3u) - ml);
}

#elif defined(WTYPE_Q3_K)
#define QK 256u
#define BLOCK_BYTES 110u
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const uint half_ = i / 128u, j = (i % 128u) / 32u, r = i % 32u;
    const uint t = 8u * half_ + 2u * j + (r >= 16u ? 1u : 0u);
    const uint lo = t < 8u ? (wbyte(b + 96u + t) & 0xFu) : (wbyte(b + 96u + t - 8u) >> 4);
    const uint hi = (wbyte(b + 104u + (t % 4u)) >> (2u * (t / 4u))) & 3u;
    const float dl = wh(b + 108u) * float(int(lo | (hi << 4)) - 32);
    const uint q = w32(b + 32u + 32u * half_ + r) >> (2u * j);
    const uint hm = w32(b + r) >> (4u * half_ + j);
    // The high-mask bit set means "no -4".
    return vec4(dl * float(int(q & 3u) - ((hm & 1u) != 0u ? 0 : 4)),
                dl * float(int((q >> 8) & 3u) - (((hm >> 8) & 1u) != 0u ? 0 : 4)),
                dl * float(int((q >> 16) & 3u) - (((hm >> 16) & 1u) != 0u ? 0 : 4)),
                dl * float(int((q >> 24) & 3u) - (((hm >> 24) & 1u) != 0u ? 0 : 4)));
}

#elif defined(WTYPE_Q4_K) || defined(WTYPE_Q5_K)
#define QK 256u
#if defined(WTYPE_Q4_K)
#define BLOCK_BYTES 144u
#define QS_AT 16u
#else
#define BLOCK_BYTES 176u
#define QS_AT 48u
#endif
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const uint k = i / 64u, w = i % 64u;
    const uint t = 2u * k + (w >= 32u ? 1u : 0u);
    // 6-bit scale and min of sub-block t, packed in 12 bytes at offset 4.
    uint sc, mn;
    if (t < 4u) {
        sc = wbyte(b + 4u + t) & 63u;
        mn = wbyte(b + 8u + t) & 63u;
    } else {
        const uint s8 = wbyte(b + 8u + t);
        sc = (s8 & 0xFu) | ((wbyte(b + t) >> 6) << 4);
        mn = (s8 >> 4) | ((wbyte(b + 4u + t) >> 6) << 4);
    }
    const float dl = wh(b) * float(sc);
    const float ml = wh(b + 2u) * float(mn);
    uint q = (w32(b + QS_AT + 32u * k + (w % 32u)) >> (w >= 32u ? 4u : 0u)) & 0x0F0F0F0Fu;
#if defined(WTYPE_Q5_K)
    q |= ((w32(b + 16u + (w % 32u)) >> t) & 0x01010101u) << 4;
#endif
    return vec4(dl * float(q & 0xFFu) - ml, dl * float((q >> 8) & 0xFFu) - ml, dl * float((q >> 16) & 0xFFu) - ml,
                dl * float(q >> 24) - ml);
}

#elif defined(WTYPE_Q6_K)
#define QK 256u
#define BLOCK_BYTES 210u
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const uint half_ = i / 128u, w = i % 128u, quad = w / 32u, l = w % 32u;
    const uint lo = (w32(b + 64u * half_ + l + 32u * (quad & 1u)) >> (quad < 2u ? 0u : 4u)) & 0x0F0F0F0Fu;
    const uint hi = (w32(b + 128u + 32u * half_ + l) >> (2u * quad)) & 0x03030303u;
    const uint q = lo | (hi << 4);
    const int sc = int(wbyte(b + 192u + 8u * half_ + l / 16u + 2u * quad) << 24) >> 24;
    const float dl = wh(b + 208u) * float(sc);
    return vec4(dl * float(int(q & 0xFFu) - 32), dl * float(int((q >> 8) & 0xFFu) - 32),
                dl * float(int((q >> 16) & 0xFFu) - 32), dl * float(int(q >> 24) - 32));
}

#elif defined(WTYPE_IQ4_XS)
#define QK 256u
#define BLOCK_BYTES 136u
const float kIq4nl[16] = float[16](-127.0, -104.0, -83.0, -65.0, -49.0, -35.0, -22.0, -10.0,
                                   1.0, 13.0, 25.0, 38.0, 53.0, 69.0, 89.0, 113.0);
vec4 dequant4(uint rowByte, uint e) {
    const uint b = rowByte + (e / QK) * BLOCK_BYTES;
    const uint i = e % QK;
    const uint t = i / 32u, j = i % 32u;
    const uint ls = ((wbyte(b + 4u + t / 2u) >> (4u * (t % 2u))) & 0xFu) | (((w16(b + 2u) >> (2u * t)) & 3u) << 4);
    const float dl = wh(b) * float(int(ls) - 32);
    const uint q = w32(b + 8u + 16u * t + (j & 15u)) >> (j >= 16u ? 4u : 0u);
    return vec4(dl * kIq4nl[q & 0xFu], dl * kIq4nl[(q >> 8) & 0xFu], dl * kIq4nl[(q >> 16) & 0xFu],
                dl * kIq4nl[(q >> 24) & 0xFu]);
}

#else
#error "blocks.glsl: define one WTYPE_<format>"
#endif

#endif
