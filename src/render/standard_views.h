// The named camera presets (iso, front, top, ...) in Partsmith's Z-up world, and parsing of
// comma-separated view lists such as "iso,front,top".
#pragma once
#include <string>
#include <vector>

namespace partsmith::render {

struct Vec3 {
  double x = 0, y = 0, z = 0;
};

struct StandardView {
  std::string name;         // lower case, also the PNG file stem
  Vec3 toEye;               // direction from the part towards the camera
  Vec3 up;                  // world direction that appears upwards in the image
  std::string description;  // for prompts and help texts
};

// CAD convention, Z up: front looks from -Y towards +Y with +X to the right; top looks down
// from +Z with +Y up in the image; iso looks from (+1,-1,+1); iso2 from the opposite corner
// (-1,+1,+1) so the faces hidden in iso become visible.
const std::vector<StandardView>& standardViews();

// Case-insensitive; nullptr for an unknown name.
const StandardView* findStandardView(const std::string& name);

// Throws RenderError naming the valid views for an unknown name.
const StandardView& standardView(const std::string& name);

std::vector<std::string> standardViewNames();  // iso, iso2, front, back, left, right, top, bottom
std::string standardViewNamesText();           // the same joined with ", "

// What a vision check gets when it does not ask for specific views.
std::vector<std::string> defaultViewNames();  // iso, front, top, right

// "iso, Front,top" -> {"iso","front","top"}: trimmed, lower-cased, duplicates dropped (they
// would overwrite the same PNG). Throws RenderError for an unknown name or an empty list.
std::vector<std::string> parseViewList(const std::string& list);

}  // namespace partsmith::render
