from django.urls import path

from tillit.risks import views

app_name = "risks"

urlpatterns = [
    path("", views.analysis_list, name="analysis_list"),
    path("ny/", views.analysis_new, name="analysis_new"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.analysis_detail, name="analysis_detail"),
    path("<int:pk>/andra/", views.analysis_edit, name="analysis_edit"),
    path("<int:pk>/risker/", views.risk_new, name="risk_new"),
    path("<int:pk>/status/<slug:code>/", views.analysis_transition, name="analysis_transition"),
    path("risk/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("fran-handelse/<int:event_pk>/", views.risk_from_event_view, name="risk_from_event"),
]
