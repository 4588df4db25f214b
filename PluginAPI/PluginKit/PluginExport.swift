/// Builds the descriptor an image's entry function returns. One plugin per image.
///
/// Each kind has one function (`strategy`, `indicator`, `model`, `exchange`); call exactly one of
/// them, from the entry function, which the host calls once on the loader thread before anything
/// else. The descriptor, its strings and its vtable live as long as the image (the host never
/// unloads plugin images).
public enum PluginExport {}
