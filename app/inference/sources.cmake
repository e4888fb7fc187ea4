target_sources(ponder_core PRIVATE
  inference/inference_types.h
  inference/inference_worker.h inference/inference_worker.cpp
  inference/inference_service.h inference/inference_service.cpp
  inference/engine_errors.h inference/engine_errors.cpp
  inference/gpu_choice.h inference/gpu_choice.cpp
)
