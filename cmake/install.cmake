# Installs Kernel Studio as a desktop application (FHS layout under CMAKE_INSTALL_PREFIX) and
# describes the Debian package: `cmake --install build --prefix P`, `cd build && cpack -G DEB`.
# scripts/check-install.sh installs into a temporary prefix and validates every file.
include(GNUInstallDirs)

install(TARGETS kernel-studio kernel-studio-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(ks_res ${PROJECT_SOURCE_DIR}/resources)
install(FILES ${ks_res}/kernel-studio.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${ks_res}/kernel-studio.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${ks_res}/completion/kernel-studio-cli.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME kernel-studio-cli)

# Icons: the SVG for every size, and PNGs rendered from it at build time for the fixed sizes.
install(FILES ${ks_res}/icons/kernel-studio.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
set(KS_ICON_SIZES 16 22 24 32 48 64 128 256 512)
if(NOT CMAKE_CROSSCOMPILING) # the renderer and the programs run on the build machine
    add_executable(ks-rendericon ${PROJECT_SOURCE_DIR}/cmake/rendericon.cpp)
    target_link_libraries(ks-rendericon PRIVATE Qt6::Gui Qt6::Svg)
    set(ks_icons)
    foreach(size IN LISTS KS_ICON_SIZES)
        set(png ${CMAKE_BINARY_DIR}/icons/${size}x${size}/kernel-studio.png)
        add_custom_command(OUTPUT ${png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${size}x${size}
            COMMAND ks-rendericon ${ks_res}/icons/kernel-studio.svg ${size} ${png}
            DEPENDS ks-rendericon ${ks_res}/icons/kernel-studio.svg
            COMMENT "Rendering the ${size} px icon" VERBATIM)
        list(APPEND ks_icons ${png})
        install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()

    # Man pages from the programs' own --help (cmake/manpage.cmake), so they cannot drift apart.
    set(ks_man ${CMAKE_BINARY_DIR}/man)
    add_custom_command(OUTPUT ${ks_man}/kernel-studio-cli.1
        COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:kernel-studio-cli> -DNAME=kernel-studio-cli
                "-DSUMMARY=kernel filters on images, headless" -DVERSION=${PROJECT_VERSION}
                "-DSUBCOMMANDS=apply\;each\;recipe\;kernel\;list" -DOUT=${ks_man}/kernel-studio-cli.1
                -P ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
        DEPENDS kernel-studio-cli ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
        COMMENT "Writing the kernel-studio-cli man page from its --help")
    add_custom_command(OUTPUT ${ks_man}/kernel-studio.1
        COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:kernel-studio> -DNAME=kernel-studio
                "-DSUMMARY=kernel filters with a live preview" -DVERSION=${PROJECT_VERSION}
                -DOUT=${ks_man}/kernel-studio.1 -P ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
        DEPENDS kernel-studio ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
        COMMENT "Writing the kernel-studio man page from its --help")
    add_custom_target(ks_desktop_files ALL DEPENDS ${ks_icons} ${ks_man}/kernel-studio-cli.1 ${ks_man}/kernel-studio.1)
    install(FILES ${ks_man}/kernel-studio.1 ${ks_man}/kernel-studio-cli.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# ---- The Debian package (cpack -G DEB) -----------------------------------------------------
set(CPACK_PACKAGE_NAME kernel-studio)
set(CPACK_PACKAGE_VENDOR "The Kernel Studio developers")
set(CPACK_PACKAGE_CONTACT "Kernel Studio developers <kernel-studio@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "kernel filters for images with a live preview")
set(CPACK_PACKAGE_DESCRIPTION
    "Kernel Studio applies blur, sharpen, emboss, edge detection and custom convolution kernels\n\
to images with a live preview; kernel-studio-cli runs the same filters headless.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY kernel-studio)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # dpkg-shlibdeps reads the binaries' libraries
# Loaded at run time, so dpkg-shlibdeps cannot see them: SVG icons and files, JPEG/WebP/TIFF.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6, qt6-image-formats-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-numpy") # for the kernelstudio Python module it carries
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)
