/// Builds the descriptor an image's entry function returns. One plugin per image.
///
/// A library may hold several plugins, each with its own entry function
/// (`tradehost_plugin_entry_<id>`, named by its manifest's `entry:`): the host maps a new image of
/// the library for every manifest it loads and calls one entry per image, so each image still
/// exports one plugin (see docs/indicators.md).
///
/// Each kind has one function (`strategy`, `indicator`, `model`, `exchange`); call exactly one of
/// them, from the entry function, which the host calls once on the loader thread before anything
/// else. The descriptor, its strings and its vtable live as long as the image (the host never
/// unloads plugin images).
public enum PluginExport {}
