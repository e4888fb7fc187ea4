# The model catalog, the "fits your GPU?" estimate, downloads and the local models list.
target_sources(ponder_core PRIVATE
  models/models_log.cpp models/models_log.h
  models/model_catalog.cpp models/model_catalog.h
  models/fit_estimate.cpp models/fit_estimate.h
  models/download_spec.cpp models/download_spec.h
  models/model_downloader.cpp models/model_downloader.h
  models/catalog_model.cpp models/catalog_model.h
  models/local_models_model.cpp models/local_models_model.h
  models/download_manager.cpp models/download_manager.h
)

# The curated catalog is embedded: the app never fetches a list from the network.
qt_add_resources(ponder_core "ponder_model_catalog"
  PREFIX "/ponder/catalog"
  BASE ${CMAKE_SOURCE_DIR}/resources/catalog
  FILES ${CMAKE_SOURCE_DIR}/resources/catalog/models.json
)
