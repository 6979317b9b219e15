from django.urls import path

from senda.web.views import auth, cases, home

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in/", auth.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign-out"),
    path("cases/", cases.case_list, name="case-list"),
    path("cases/<int:case_id>/", cases.case_detail, name="case-detail"),
]
