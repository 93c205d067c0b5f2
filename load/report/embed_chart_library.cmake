# Generates chart_library.cpp: uPlot's minified JS and CSS (from report/node_modules, installed
# by scripts/install-deps with `npm ci`) as string constants, so HTML reports open offline.
set(_uplot_dir ${CMAKE_CURRENT_SOURCE_DIR}/report/node_modules/uplot/dist)
statefun_embed_files(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/chart_library.cpp
  HEADER chart_library.hpp
  NAMESPACE statefun::load
  ORIGIN "uPlot (MIT licence)"
  NPM_DIR ${CMAKE_CURRENT_SOURCE_DIR}/report
  FILES
    chart_library_js ${_uplot_dir}/uPlot.iife.min.js
    chart_library_css ${_uplot_dir}/uPlot.min.css)
