from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico where a page names no icon (a download, a PDF).
    path("favicon.ico", RedirectView.as_view(url=static("senda/favicon.ico"), permanent=True)),
    path("", include("senda.web.urls")),
]
