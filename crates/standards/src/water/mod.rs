//! Water quality: GB 3838-2002, 地表水环境质量评价办法（试行）, lake trophic state.
