"""@v8_static: the archive third_party/v8_static/build.sh leaves in the cache.

The cache directory is named after recipe.sh (source version + flags hash), so a
recipe change points the release build at a new archive. The repository always
loads, archive or not: the default build never needs it, and a release build
without it fails in one action that says what to run (v8_static.BUILD)."""

def _v8_static_impl(rctx):
    recipe = rctx.path(Label("//third_party/v8_static:recipe.sh"))  # refetch on change
    res = rctx.execute(["sh", "-c", '. "$1"; echo "v8-static-$V8_VERSION-$RECIPE_HASH"', "sh", str(recipe)])
    if res.return_code != 0:
        fail("third_party/v8_static/recipe.sh: " + res.stderr)
    ws = str(rctx.path(Label("@//:WORKSPACE")).dirname)
    # The cache itself is linked in, not the archive: Bazel then sees the
    # archive appear, change or go away at every build, with no refetch.
    rctx.symlink(ws + "/" + rctx.attr.cache, "cache")
    rctx.template("BUILD.bazel", rctx.attr.build_file, {"%{DIR}": res.stdout.strip()})
    rctx.file("WORKSPACE", 'workspace(name = "%s")\n' % rctx.name)

v8_static_repository = repository_rule(
    implementation = _v8_static_impl,
    local = True,
    attrs = {
        # The cache link tools/setup.sh makes (third_party/deps -> $KILN_CACHE).
        "cache": attr.string(default = "third_party/deps"),
        "build_file": attr.label(default = "//third_party/v8_static:v8_static.BUILD"),
    },
)
