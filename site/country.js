// "Your country" in one tap. Links marked class="yours" go to the list of countries.
// When the device's time zone belongs to one country that has a page, each such link
// goes straight to that page, and says which country, so a reader abroad or with a
// wrong clock sees it and can still pick another: the country page links back to the
// list. The time zone is read on the device: nothing is sent or stored, and the link
// is a plain link to a page of this site. With scripts off, or no match, the links
// stay as they are (the list).
// The frame puts this script at the end of <main>, after every link it changes.
// ZONES: {time zone: country code}; NAMES: {country code: name}. The site builder
// fills both in from the tzdata package and the country pages.
(function () {
  "use strict";
  var zones = __ZONES__;
  var names = __NAMES__;
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  var code = Object.prototype.hasOwnProperty.call(zones, zone) ? zones[zone] : "";
  if (!code || !Object.prototype.hasOwnProperty.call(names, code)) { return; }
  var links = document.querySelectorAll("a.yours");
  for (var i = 0; i < links.length; i += 1) {
    var href = links[i].getAttribute("href") || "";
    var to = href.replace(/by-country\/(#[\w-]*)?$/, "countries/" + code + "/");
    if (to === href) { continue; }
    links[i].setAttribute("href", to);
    links[i].appendChild(document.createTextNode(" (" + names[code] + ")"));
  }
}());
